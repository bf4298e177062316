-- OrleansConnect's PostgreSQL schema: Orleans membership (clustering) and grain state, behind the query contract of
-- Orleans' ADO.NET providers. Orleans reads the statements it runs from the table OrleansQuery by key, passes
-- @-parameters by name and reads result columns by name; everything else here is ours. Applied by
-- PostgresSchema.ApplyAsync at silo start and by the `postgres-schema` command, in one transaction under an advisory
-- lock, so it is safe to run again and from several silos at once. Queries are rewritten on every run, so an upgrade
-- needs no migration script as long as tables only gain columns.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey varchar(64) NOT NULL PRIMARY KEY,
    QueryText text NOT NULL
);

-- One row per cluster (Orleans' "deployment"): the membership version every membership change must advance, which
-- is how concurrent silos agree on one sequence of changes.
CREATE TABLE IF NOT EXISTS oc_membership_version
(
    deployment_id varchar(150) NOT NULL PRIMARY KEY,
    version integer NOT NULL DEFAULT 0,
    changed_at timestamptz NOT NULL DEFAULT now()
);

-- One row per silo incarnation (address, port, generation).
CREATE TABLE IF NOT EXISTS oc_membership
(
    deployment_id varchar(150) NOT NULL REFERENCES oc_membership_version (deployment_id) ON DELETE CASCADE,
    address varchar(45) NOT NULL,
    port integer NOT NULL,
    generation integer NOT NULL,
    silo_name varchar(150) NOT NULL,
    host_name varchar(150) NOT NULL,
    status integer NOT NULL,
    proxy_port integer NULL,
    suspect_times text NULL,
    start_time timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Grain state. Orleans identifies a state by service, grain type and grain id, and passes hashes of type and id to
-- narrow the lookup; the key is the full identity, so concurrent first writes of one grain cannot both insert.
-- A grain id without a string part is stored with grain_id_ext '' (Orleans passes null).
CREATE TABLE IF NOT EXISTS oc_grain_state
(
    service_id varchar(150) NOT NULL,
    grain_type_hash integer NOT NULL,
    grain_type varchar(512) NOT NULL,
    grain_id_hash integer NOT NULL,
    grain_id_n0 bigint NOT NULL,
    grain_id_n1 bigint NOT NULL,
    grain_id_ext varchar(512) NOT NULL,
    payload bytea NULL,
    version integer NOT NULL,
    modified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type_hash, grain_id_hash, grain_type, grain_id_n0, grain_id_n1, grain_id_ext)
);

-- Membership queries (Orleans.Clustering.AdoNet). A query that changes membership returns one value, true (> 0)
-- when it applied. It applies only if the version the silo read (@Version) is still current: the version row is
-- locked first, so of two concurrent changes made from the same version exactly one applies.

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', '
WITH inserted AS (
    INSERT INTO oc_membership_version (deployment_id) VALUES (@DeploymentId)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1)
SELECT count(*) FROM inserted;'),

('InsertMembershipKey', '
WITH current_version AS (
    SELECT deployment_id FROM oc_membership_version
    WHERE deployment_id = @DeploymentId AND version = @Version
    FOR UPDATE),
inserted AS (
    INSERT INTO oc_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
                               start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime
    FROM current_version
    ON CONFLICT DO NOTHING
    RETURNING deployment_id),
advanced AS (
    UPDATE oc_membership_version SET version = version + 1, changed_at = now()
    WHERE deployment_id IN (SELECT deployment_id FROM inserted)
    RETURNING 1)
SELECT count(*) FROM advanced;'),

('UpdateMembershipKey', '
WITH current_version AS (
    SELECT deployment_id FROM oc_membership_version
    WHERE deployment_id = @DeploymentId AND version = @Version
    FOR UPDATE),
updated AS (
    UPDATE oc_membership m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM current_version v
    WHERE m.deployment_id = v.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    RETURNING m.deployment_id),
advanced AS (
    UPDATE oc_membership_version SET version = version + 1, changed_at = now()
    WHERE deployment_id IN (SELECT deployment_id FROM updated)
    RETURNING 1)
SELECT count(*) FROM advanced;'),

('UpdateIAmAlivetimeKey', '
UPDATE oc_membership SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;'),

-- The version row comes back even when the cluster has no silo row yet (or not this one): Orleans reads the version
-- from it and treats a row without StartTime as "no entry".
('MembershipReadRowKey', '
SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime",
       v.version AS "Version"
FROM oc_membership_version v
LEFT JOIN oc_membership m ON m.deployment_id = v.deployment_id
    AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId;'),

('MembershipReadAllKey', '
SELECT v.deployment_id AS "DeploymentId", m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
       m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status", m.proxy_port AS "ProxyPort",
       m.suspect_times AS "SuspectTimes", m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime",
       v.version AS "Version"
FROM oc_membership_version v
LEFT JOIN oc_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId;'),

('GatewaysQueryKey', '
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM oc_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;'),

-- Deleting the version row deletes the cluster''s silo rows with it (ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey', '
DELETE FROM oc_membership_version WHERE deployment_id = @DeploymentId;'),

-- Orleans' cleanup of defunct silos: rows of silos that are not Active (status 3) and have not been alive since
-- @IAmAliveTime.
('CleanupDefunctSiloEntriesKey', '
DELETE FROM oc_membership
WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3;'),

-- Grain state queries (Orleans.Persistence.AdoNet). The version is the ETag: a write or clear applies only to the
-- version the grain read, and returns the new version (NewGrainStateVersion); no row back means a conflicting write,
-- which Orleans raises as InconsistentStateException. A grain that never read a stored state (@GrainStateVersion
-- null) may only create it.

('ReadFromStorageKey', '
SELECT payload AS "PayloadBinary", version AS "Version"
FROM oc_grain_state
WHERE service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
  AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_ext = coalesce(@GrainIdExtensionString, '''');'),

('WriteToStorageKey', '
WITH updated AS (
    UPDATE oc_grain_state SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
      AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_ext = coalesce(@GrainIdExtensionString, '''') AND version = @GrainStateVersion::integer
    RETURNING version),
inserted AS (
    INSERT INTO oc_grain_state (service_id, grain_type_hash, grain_type, grain_id_hash, grain_id_n0, grain_id_n1,
                                grain_id_ext, payload, version)
    SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1,
           coalesce(@GrainIdExtensionString, ''''), @PayloadBinary, 1
    WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted;'),

-- Clearing keeps the row with no payload and a new version, so a grain that clears and writes again keeps its
-- optimistic check. Clearing a state that was never stored stores an empty one.
('ClearStorageKey', '
WITH updated AS (
    UPDATE oc_grain_state SET payload = NULL, version = version + 1, modified_at = now()
    WHERE service_id = @ServiceId AND grain_type_hash = @GrainTypeHash AND grain_id_hash = @GrainIdHash
      AND grain_type = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_ext = coalesce(@GrainIdExtensionString, '''') AND version = @GrainStateVersion::integer
    RETURNING version),
inserted AS (
    INSERT INTO oc_grain_state (service_id, grain_type_hash, grain_type, grain_id_hash, grain_id_n0, grain_id_n1,
                                grain_id_ext, payload, version)
    SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1,
           coalesce(@GrainIdExtensionString, ''''), NULL, 1
    WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted;')

ON CONFLICT (QueryKey) DO UPDATE SET QueryText = EXCLUDED.QueryText;
