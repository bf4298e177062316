{{/* Chart name, at most 63 characters (a DNS label). */}}
{{- define "orleansconnect.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name; the silo objects use it as is, the API ones add "-api". */}}
{{- define "orleansconnect.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else if contains (include "orleansconnect.name" .) .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name (include "orleansconnect.name" .) | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}

{{- define "orleansconnect.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "orleansconnect.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Selector of the silo pods. */}}
{{- define "orleansconnect.siloSelectorLabels" -}}
app.kubernetes.io/name: {{ include "orleansconnect.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: silo
{{- end }}

{{/* Selector of the separate API pods. */}}
{{- define "orleansconnect.apiSelectorLabels" -}}
app.kubernetes.io/name: {{ include "orleansconnect.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: api
{{- end }}

{{/* The service the REST API is reached on: the separate API's when it is enabled, else the silos'. */}}
{{- define "orleansconnect.restService" -}}
{{- if .Values.api.enabled }}{{ include "orleansconnect.fullname" . }}-api{{ else }}{{ include "orleansconnect.fullname" . }}{{ end }}
{{- end }}

{{/* Cluster ids and the PostgreSQL connection string, shared by silos and the API host. */}}
{{- define "orleansconnect.clusterEnv" -}}
- name: Orleans__ClusterId
  value: {{ .Values.orleans.clusterId | quote }}
- name: Orleans__ServiceId
  value: {{ .Values.orleans.serviceId | quote }}
{{- if .Values.postgresql.existingSecret }}
- name: ConnectionStrings__PostgreSQL
  valueFrom:
    secretKeyRef:
      name: {{ .Values.postgresql.existingSecret }}
      key: {{ .Values.postgresql.existingSecretKey }}
{{- end }}
{{- end }}

{{/* Non-root, read-only root filesystem, no privilege: the images write nothing outside /tmp. */}}
{{- define "orleansconnect.containerSecurityContext" -}}
runAsNonRoot: true
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: ["ALL"]
{{- end }}
