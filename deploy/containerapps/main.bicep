// OrleansConnect on Azure Container Apps: an environment, the silo app (REST API external on 8083, Orleans silo and
// gateway ports internal), PostgreSQL (a new flexible server or an existing connection string) and Kafka (a new Event
// Hubs namespace's Kafka endpoint or any Kafka cluster). See README.md beside this file.

@description('Location of every resource.')
param location string = resourceGroup().location

@description('Prefix of resource names: lower-case letters and digits.')
@minLength(3)
@maxLength(16)
param namePrefix string = 'orlconnect'

@description('The silo image, built from silo/OrleansConnect.Silo/Dockerfile, e.g. myregistry.azurecr.io/orleansconnect/silo:0.1.0.')
param siloImage string

@description('Registry server of siloImage when it needs credentials, e.g. myregistry.azurecr.io. Empty: a public image.')
param registryServer string = ''
param registryUsername string = ''
@secure()
param registryPassword string = ''

@description('Silo replicas. Orleans needs no quorum of replicas; 2 or more keep tasks running through a replica loss.')
@minValue(1)
param minReplicas int = 2
@maxValue(30)
param maxReplicas int = 5
@description('Concurrent REST requests per replica above which another replica is added.')
param concurrentRequests int = 50

@description('new: an Azure Database for PostgreSQL flexible server; existing: postgresConnectionString.')
@allowed([ 'new', 'existing' ])
param postgres string = 'new'
@description('With postgres=existing: an Npgsql connection string.')
@secure()
param postgresConnectionString string = ''
@description('With postgres=new: the administrator of the new server (also the silos\' user).')
param postgresAdminLogin string = 'connect'
@secure()
param postgresAdminPassword string = ''

@description('eventhubs: a new Event Hubs namespace (Standard) used through its Kafka endpoint; kafka: kafkaBootstrapServers.')
@allowed([ 'eventhubs', 'kafka' ])
param broker string = 'eventhubs'
@description('With broker=eventhubs: event hubs (Kafka topics) to create; Event Hubs creates none on first write.')
param eventHubsTopics array = [ 'connect-test' ]
@description('With broker=kafka: host:port[,host:port...].')
param kafkaBootstrapServers string = ''
@allowed([ 'PLAINTEXT', 'SSL', 'SASL_PLAINTEXT', 'SASL_SSL' ])
param kafkaSecurityProtocol string = 'SASL_SSL'
@allowed([ 'PLAIN', 'SCRAM-SHA-256', 'SCRAM-SHA-512' ])
param kafkaSaslMechanism string = 'PLAIN'
param kafkaSaslUsername string = ''
@secure()
param kafkaSaslPassword string = ''

@description('Orleans cluster and service ids: silos with the same ids and database form one cluster.')
param clusterId string = 'orleansconnect'
param serviceId string = 'orleansconnect'

@description('Seconds a stopping replica gets to flush and commit its tasks: at least TaskShutdownGracefulTimeoutMs + OffsetFlushTimeoutMs + 30 s.')
@minValue(40)
@maxValue(600)
param terminationGracePeriodSeconds int = 60

// The silo's ports (ClusterDefaults and the image's ASPNETCORE_URLS).
var restPort = 8083
var siloPort = 11111
var gatewayPort = 30000

var useRegistry = !empty(registryServer)
var kafkaSasl = broker == 'eventhubs' || startsWith(kafkaSecurityProtocol, 'SASL')

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: '${namePrefix}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-env'
  location: location
  properties: {
    workloadProfiles: [
      { name: 'Consumption', workloadProfileType: 'Consumption' }
    ]
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: {
        customerId: logs.properties.customerId
        sharedKey: logs.listKeys().primarySharedKey
      }
    }
  }
}

resource postgresServer 'Microsoft.DBforPostgreSQL/flexibleServers@2022-12-01' = if (postgres == 'new') {
  name: '${namePrefix}-pg'
  location: location
  sku: { name: 'Standard_B1ms', tier: 'Burstable' }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    backup: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
  }
}

// 0.0.0.0-0.0.0.0 is Azure's rule for "allow connections from Azure services": the Consumption environment has no
// fixed outbound address to list instead. With a VNet-integrated environment, use private access instead.
resource postgresFirewall 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2022-12-01' = if (postgres == 'new') {
  parent: postgresServer
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

resource postgresDatabase 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2022-12-01' = if (postgres == 'new') {
  parent: postgresServer
  name: 'connect'
}

resource eventHubs 'Microsoft.EventHub/namespaces@2021-11-01' = if (broker == 'eventhubs') {
  name: '${namePrefix}-eh'
  location: location
  // The Kafka endpoint needs Standard or above.
  sku: { name: 'Standard', tier: 'Standard', capacity: 1 }
}

resource eventHubsTopic 'Microsoft.EventHub/namespaces/eventhubs@2021-11-01' = [for topic in eventHubsTopics: if (broker == 'eventhubs') {
  parent: eventHubs
  name: topic
  properties: { partitionCount: 1, messageRetentionInDays: 1 }
}]

resource eventHubsRule 'Microsoft.EventHub/namespaces/authorizationRules@2021-11-01' = if (broker == 'eventhubs') {
  parent: eventHubs
  name: 'connect'
  properties: { rights: [ 'Listen', 'Send' ] }
}

// postgresServer exists only when postgres == 'new', the only branch that reads it; `.?` says so to the compiler
// (a plain `.` is BCP318) and compiles to a reference that is null, not an error, where the server is not deployed.
var postgresConnection = postgres == 'new'
  ? 'Host=${postgresServer.?properties.fullyQualifiedDomainName};Port=5432;Username=${postgresAdminLogin};Password=${postgresAdminPassword};Database=connect;SSL Mode=Require'
  : postgresConnectionString

// Event Hubs' Kafka endpoint: SASL_SSL with PLAIN, the literal user name $ConnectionString and the connection
// string as the password. The password is apart from the rest so that the bootstrap servers (an env value and an
// output) do not carry a listKeys call.
var kafka = broker == 'eventhubs'
  ? {
      bootstrapServers: '${eventHubs.name}.servicebus.windows.net:9093'
      securityProtocol: 'SASL_SSL'
      saslMechanism: 'PLAIN'
      saslUsername: '$ConnectionString'
    }
  : {
      bootstrapServers: kafkaBootstrapServers
      securityProtocol: kafkaSecurityProtocol
      saslMechanism: kafkaSaslMechanism
      saslUsername: kafkaSaslUsername
    }

// eventHubsRule exists only when broker == 'eventhubs', the only branch that calls listKeys on it: `!` says so (BCP422
// otherwise; `.?` is not allowed on a function call). ARM's if() evaluates only the branch its condition picks.
var kafkaSaslSecret = broker == 'eventhubs' ? eventHubsRule!.listKeys().primaryConnectionString : kafkaSaslPassword

var secrets = concat(
  [
    { name: 'postgres-connection-string', value: postgresConnection }
  ],
  kafkaSasl ? [ { name: 'kafka-sasl-password', value: kafkaSaslSecret } ] : [],
  useRegistry ? [ { name: 'registry-password', value: registryPassword } ] : []
)

// Orleans__AdvertisedIPAddress is deliberately not set: Container Apps has no variable with the replica's IP, and
// the silo, left without one, advertises the address of its own network interface, which is the replica's IP in the
// environment's network (README.md, "How silos address each other").
var env = concat(
  [
    { name: 'ConnectionStrings__PostgreSQL', secretRef: 'postgres-connection-string' }
    { name: 'Orleans__ClusterId', value: clusterId }
    { name: 'Orleans__ServiceId', value: serviceId }
    { name: 'Orleans__SiloPort', value: string(siloPort) }
    { name: 'Orleans__GatewayPort', value: string(gatewayPort) }
    { name: 'ASPNETCORE_URLS', value: 'http://+:${restPort}' }
    { name: 'Kafka__BootstrapServers', value: kafka.bootstrapServers }
    { name: 'Kafka__Client__security.protocol', value: kafka.securityProtocol }
  ],
  kafkaSasl
    ? [
        { name: 'Kafka__Client__sasl.mechanism', value: kafka.saslMechanism }
        { name: 'Kafka__Client__sasl.username', value: kafka.saslUsername }
        { name: 'Kafka__Client__sasl.password', secretRef: 'kafka-sasl-password' }
      ]
    : []
)

resource silo 'Microsoft.App/containerApps@2024-03-01' = {
  name: '${namePrefix}-silo'
  location: location
  properties: {
    environmentId: environment.id
    workloadProfileName: 'Consumption'
    configuration: {
      // One active revision: a new revision's replicas join the same cluster (same ids and database) and the old
      // revision's replicas stop gracefully once the new ones run, i.e. a rolling upgrade.
      activeRevisionsMode: 'Single'
      secrets: secrets
      registries: useRegistry
        ? [ { server: registryServer, username: registryUsername, passwordSecretRef: 'registry-password' } ]
        : []
      ingress: {
        // The Kafka Connect REST API, dashboard and health endpoints, over HTTPS on the app's FQDN.
        external: true
        targetPort: restPort
        transport: 'http'
        allowInsecure: false
        // Silo-to-silo and gateway traffic goes replica to replica at the addresses in the membership table; these
        // internal mappings only declare the ports to the environment (and give Orleans clients in the environment
        // <app name>:30000 as a gateway).
        additionalPortMappings: [
          { external: false, targetPort: siloPort, exposedPort: siloPort }
          { external: false, targetPort: gatewayPort, exposedPort: gatewayPort }
        ]
      }
    }
    template: {
      terminationGracePeriodSeconds: terminationGracePeriodSeconds
      containers: [
        {
          name: 'silo'
          image: siloImage
          resources: { cpu: json('1.0'), memory: '2Gi' }
          env: env
          probes: [
            {
              type: 'Startup'
              httpGet: { path: '/health/live', port: restPort }
              initialDelaySeconds: 5
              periodSeconds: 5
              failureThreshold: 10
            }
            {
              type: 'Readiness'
              httpGet: { path: '/health/ready', port: restPort }
              periodSeconds: 5
              timeoutSeconds: 6
              failureThreshold: 3
            }
            {
              type: 'Liveness'
              httpGet: { path: '/health/live', port: restPort }
              periodSeconds: 10
              timeoutSeconds: 3
              failureThreshold: 3
            }
          ]
        }
      ]
      scale: {
        minReplicas: minReplicas
        maxReplicas: maxReplicas
        rules: [
          {
            name: 'rest-concurrency'
            http: { metadata: { concurrentRequests: string(concurrentRequests) } }
          }
        ]
      }
    }
  }
  dependsOn: [ postgresDatabase, postgresFirewall ]
}

@description('The Kafka Connect REST API.')
output restUrl string = 'https://${silo.properties.configuration.ingress.fqdn}'
@description('The Kafka bootstrap servers the silos use.')
output kafkaBootstrapServers string = kafka.bootstrapServers
