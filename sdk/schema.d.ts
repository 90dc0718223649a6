/**
 * Generated from openapi.yaml by scripts/sdk.ts (openapi-typescript). Do not edit:
 * change the zod route definitions, then run `npm run openapi && npm run sdk`.
 */

export interface paths {
    "/v1/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List all groups */
        get: operations["list_all_groups"];
        put?: never;
        /** Create a group */
        post: operations["create_group"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/groups/{groupId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve group details */
        get: operations["group_details"];
        put?: never;
        post?: never;
        /**
         * Delete a group
         * @description Answers 409 and deletes nothing while the group still holds a destination or connections.
         */
        delete: operations["delete_group"];
        options?: never;
        head?: never;
        /** Update a group */
        patch: operations["modify_group"];
        trace?: never;
    };
    "/v1/groups/{groupId}/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List all connections in a group */
        get: operations["list_all_connections_in_group"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/groups/{groupId}/connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all connectors in a group
         * @description Legacy alias of /v1/groups/{groupId}/connections.
         */
        get: operations["list_all_connectors_in_group"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/destinations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List all destinations within the account */
        get: operations["list_destinations"];
        put?: never;
        /**
         * Create a destination
         * @description Creates the destination of a group (its id is the group's id) and, unless `run_setup_tests` is false, runs its setup tests. 404 for an unknown group, 409 when the group already has a destination.
         */
        post: operations["create_destination"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/destinations/{destinationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve destination details */
        get: operations["destination_details"];
        put?: never;
        post?: never;
        /**
         * Delete a destination
         * @description Answers 409 and deletes nothing while connections of the group still load into it.
         */
        delete: operations["delete_destination"];
        options?: never;
        head?: never;
        /**
         * Update a destination
         * @description Merges `config` into the stored config ("******" keeps a stored secret) and runs the setup tests when `run_setup_tests` is true. A config change without a test run sets `setup_status` back to `incomplete`.
         */
        patch: operations["modify_destination"];
        trace?: never;
    };
    "/v1/destinations/{destinationId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run destination setup tests */
        post: operations["run_destination_setup_tests"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List connections */
        get: operations["list_connections"];
        put?: never;
        /** Create a connection */
        post: operations["create_connection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve connection details */
        get: operations["connection_details"];
        put?: never;
        post?: never;
        /** Delete a connection */
        delete: operations["delete_connection"];
        options?: never;
        head?: never;
        /** Update a connection */
        patch: operations["modify_connection"];
        trace?: never;
    };
    "/v1/connections/{connectionId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run setup tests
         * @description Runs the source's setup tests and sets `status.setup_state`. The body may be absent.
         */
        post: operations["run_setup_tests"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}/connect-card": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a Connect Card
         * @description Issues a Connect Card for the connection: a page on this Worker, opened with the returned token alone (no API key), where an end user fills in the connection's config and runs its setup tests, then is sent to `redirect_uri?id=<connection id>`. The token is valid for 24 hours, as Fivetran's; only its SHA-256 is stored.
         */
        post: operations["connect_card"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sync connection data
         * @description Starts a sync now. While one runs it is a no-op, unless `force` is true: then the run in progress is cancelled and a new one starts. The body may be absent. 400 when the connection cannot sync: its source cannot sync yet (it can be configured and tested, but no data moves), its group has no destination, or that destination cannot be written to yet.
         */
        post: operations["sync_connection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}/force": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Force a sync (legacy)
         * @description Not in Fivetran's spec but called by Airflow, dagster and go-fivetran: `POST …/sync` with `force: true`. No body.
         */
        post: operations["force_sync_connection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}/resync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-sync connection data
         * @description Forgets the state of the tables in `scope` (every table when `scope` is absent or null) and syncs them from scratch. 409 while a sync is in progress.
         */
        post: operations["resync_connection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}/schemas/tables/resync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-sync connection table data */
        post: operations["resync_tables"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}/schemas/{schemaName}/tables/{tableName}/resync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-sync one table (legacy)
         * @description go-fivetran's per-table form of `POST …/schemas/tables/resync`. No body.
         */
        post: operations["resync_table"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve the connection state
         * @description As on Fivetran, only Function and Connector SDK connections have a state a user may read; every connector of this server keeps its checkpoints itself, so this answers 400 `InvalidInput` for each of them (404 first for an unknown connection). The 200 shape is Fivetran's.
         */
        get: operations["connection_state"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update the connection state
         * @description As on Fivetran, only Function and Connector SDK connections have a state a user may edit (paused, no sync in progress); every connector of this server keeps its checkpoints itself, so this answers 400 `InvalidInput` for each of them (404 first for an unknown connection). To read tables again from scratch, re-sync them. The 200 shape is Fivetran's.
         */
        patch: operations["modify_connection_state"];
        trace?: never;
    };
    "/v1/connections/{connectionId}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List runs (extension)
         * @description The connection's sync runs, newest first, with rows and bytes per table.
         */
        get: operations["list_connection_runs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}/schemas/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the connection's schema changes (extension)
         * @description Every schema change a sync or reload found, applied or blocked by the schema policy, and every change made by hand, oldest first. Filter by `change`, `status`, `table`, `run_id`, `since`.
         */
        get: operations["connection_schema_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}/schemas/evolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply a schema change by hand (extension)
         * @description Exactly one of `add_column`, `widen`, `rename`. Applied to the destination now (409 while a sync runs, or when the destination table does not exist yet for a column the source does not have), recorded in the schema history and announced.
         */
        post: operations["evolve_connection_schema"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}/schemas/drop-columns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Drop blocked columns from the destination
         * @description Drops columns that are blocked (`enabled: false`) or gone from the source from their destination tables. 409 for a column that is neither.
         */
        post: operations["drop_connection_columns"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}/schemas/{schemaName}/tables/{tableName}/columns/{columnName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Drop a blocked column from the destination
         * @description 409 when the column is neither blocked nor gone from the source.
         */
        delete: operations["drop_connection_column"];
        options?: never;
        head?: never;
        /**
         * Update a column config
         * @description `enabled: false` keeps the column out of the destination from the next sync on; `hashed: true` lands it as its salted SHA-256 (base64 text). Not for primary-key columns (400).
         */
        patch: operations["modify_connection_column_config"];
        trace?: never;
    };
    "/v1/connections/{connectionId}/schemas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve the connection schema config
         * @description 404 `NotFound_SchemaConfig` until the source was discovered (by the first sync or `POST …/schemas/reload`) or a config was created with `POST …/schemas`.
         */
        get: operations["connection_schema_config"];
        put?: never;
        /**
         * Create a connection schema config
         * @description Before the first sync: the handling and the named schemas, tables and columns (kept as given, case-sensitive) apply when the source is first discovered; tables not named follow `schema_change_handling`. 409 when the connection has a schema config already.
         */
        post: operations["create_connection_schema_config"];
        delete?: never;
        options?: never;
        head?: never;
        /** Update the connection schema config */
        patch: operations["modify_connection_schema_config"];
        trace?: never;
    };
    "/v1/connections/{connectionId}/schemas/reload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reload the connection schema config
         * @description Discovers the source's tables now. 400 when the service cannot be read yet, 409 when the source cannot be reached (the message says why). The body may be absent.
         */
        post: operations["reload_connection_schema_config"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}/schemas/{schemaName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update a database schema config */
        patch: operations["modify_connection_database_schema_config"];
        trace?: never;
    };
    "/v1/connections/{connectionId}/schemas/{schemaName}/tables/{tableName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Update a table config */
        patch: operations["modify_connection_table_config"];
        trace?: never;
    };
    "/v1/connections/{connectionId}/schemas/{schemaName}/tables/{tableName}/columns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve source table columns config
         * @description Every column of the table as last discovered (see `POST …/schemas/reload`).
         */
        get: operations["connection_column_config"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}/triggers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a connection's event triggers (extension) */
        get: operations["list_connection_triggers"];
        put?: never;
        /**
         * Create an event trigger (extension)
         * @description Extension: a run started by an event instead of (or beside) the schedule. `url`: a trigger URL with its own bearer token (shown once; revoke by deleting the trigger). `queue`: a message `{"connection_id": …}` on one of the Worker's trigger queues (FIVETRAN_TRIGGER_QUEUES). `after`: the successful end of another connection's sync of this account; a chain that would loop is refused.
         */
        post: operations["create_connection_trigger"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}/triggers/{triggerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an event trigger (extension) */
        delete: operations["delete_connection_trigger"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List connectors
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        get: operations["list_connectors"];
        put?: never;
        /**
         * Create a connector
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        post: operations["create_connector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{connectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve connector details
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        get: operations["connector_details"];
        put?: never;
        post?: never;
        /**
         * Delete a connector
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        delete: operations["delete_connector"];
        options?: never;
        head?: never;
        /**
         * Update a connector
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        patch: operations["modify_connector"];
        trace?: never;
    };
    "/v1/connectors/{connectionId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run setup tests
         * @description Runs the source's setup tests and sets `status.setup_state`. The body may be absent.
         */
        post: operations["run_connector_setup_tests"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{connectionId}/connect-card": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a Connect Card
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        post: operations["connector_connect_card"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{connectionId}/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sync connection data
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        post: operations["sync_connector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{connectionId}/force": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Force a sync (legacy)
         * @description Not in Fivetran's spec but called by Airflow, dagster and go-fivetran: `POST …/sync` with `force: true`. No body.
         */
        post: operations["force_sync_connector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{connectionId}/resync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-sync connection data
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        post: operations["resync_connector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{connectionId}/schemas/tables/resync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-sync connection table data
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        post: operations["resync_connector_tables"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{connectionId}/schemas/{schemaName}/tables/{tableName}/resync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-sync one table (legacy)
         * @description go-fivetran's per-table form of `POST …/schemas/tables/resync`. No body.
         */
        post: operations["resync_connector_table"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{connectionId}/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve the connection state
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        get: operations["connector_state"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update the connection state
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        patch: operations["modify_connector_state"];
        trace?: never;
    };
    "/v1/connectors/{connectionId}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List runs (extension)
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        get: operations["list_connector_runs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{connectionId}/schemas/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the connection's schema changes (extension)
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        get: operations["connector_schema_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{connectionId}/schemas/evolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Apply a schema change by hand (extension)
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        post: operations["evolve_connector_schema"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{connectionId}/schemas/drop-columns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Drop blocked columns from the destination
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        post: operations["drop_connector_columns"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{connectionId}/schemas/{schemaName}/tables/{tableName}/columns/{columnName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Drop a blocked column from the destination
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        delete: operations["drop_connector_column"];
        options?: never;
        head?: never;
        /**
         * Update a column config
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        patch: operations["modify_connector_column_config"];
        trace?: never;
    };
    "/v1/connectors/{connectionId}/schemas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve the connection schema config
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        get: operations["connector_schema_config"];
        put?: never;
        /**
         * Create a connection schema config
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        post: operations["create_connector_schema_config"];
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update the connection schema config
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        patch: operations["modify_connector_schema_config"];
        trace?: never;
    };
    "/v1/connectors/{connectionId}/schemas/reload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reload the connection schema config
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        post: operations["reload_connector_schema_config"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{connectionId}/schemas/{schemaName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a database schema config
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        patch: operations["modify_connector_database_schema_config"];
        trace?: never;
    };
    "/v1/connectors/{connectionId}/schemas/{schemaName}/tables/{tableName}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a table config
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        patch: operations["modify_connector_table_config"];
        trace?: never;
    };
    "/v1/connectors/{connectionId}/schemas/{schemaName}/tables/{tableName}/columns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve source table columns config
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        get: operations["connector_column_config"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{connectionId}/triggers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a connection's event triggers (extension)
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        get: operations["list_connector_triggers"];
        put?: never;
        /**
         * Create an event trigger (extension)
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        post: operations["create_connector_trigger"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{connectionId}/triggers/{triggerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an event trigger (extension)
         * @description Legacy alias of the /v1/connections endpoint: same handler, same bodies.
         */
        delete: operations["delete_connector_trigger"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/triggers/{triggerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a sync through a trigger URL (extension)
         * @description Authorization: `Bearer <token>` of a `url` trigger. Starts a sync of its connection as a sync request does (a no-op while one runs); 400 when the connection cannot run now (paused, setup incomplete, nothing can sync), 401 for a wrong or revoked token.
         */
        post: operations["fire_connection_trigger"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/metadata/connector-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List connector types
         * @description Every source service this server knows, in service id order. Destination services are not listed, as in Fivetran. A service that cannot sync yet (it can be configured and tested, but no data moves) shows `service_status: development` and no feature beyond API_CONFIGURABLE.
         */
        get: operations["metadata_connectors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/metadata/connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List connector types (legacy path)
         * @description Legacy alias of /v1/metadata/connector-types. Every source service this server knows, in service id order. Destination services are not listed, as in Fivetran. A service that cannot sync yet (it can be configured and tested, but no data moves) shows `service_status: development` and no feature beyond API_CONFIGURABLE.
         */
        get: operations["metadata_connectors_legacy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/metadata/connector-types/{service}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a connector type's configuration metadata
         * @description `config` and `auth` describe the fields of a connection's `config` as JSON-Schema-like objects; secret fields carry `format: password`. Destination services (`d1`, `r2`, `postgres_warehouse`, `snowflake`, `big_query`) answer too, describing a destination's `config`; an id both registries have names the source unless `kind=destination`.
         */
        get: operations["metadata_connector_config"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/metadata/connectors/{service}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve a connector type's configuration metadata (legacy path)
         * @description `config` and `auth` describe the fields of a connection's `config` as JSON-Schema-like objects; secret fields carry `format: password`. Destination services (`d1`, `r2`, `postgres_warehouse`, `snowflake`, `big_query`) answer too, describing a destination's `config`; an id both registries have names the source unless `kind=destination`.
         */
        get: operations["metadata_connector_config_legacy"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/metadata/connectors/{connectorId}/schemas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Source schemas of a connection (removed)
         * @deprecated
         * @description Fivetran removed the Metadata API; like Fivetran, this answers 404 `NotFound` saying so. Clients such as Airflow's OpenLineage integration still call it.
         */
        get: operations["metadata_connector_schemas_deprecated"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/metadata/connectors/{connectorId}/tables": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Source tables of a connection (removed)
         * @deprecated
         * @description Fivetran removed the Metadata API; like Fivetran, this answers 404 `NotFound` saying so. Clients such as Airflow's OpenLineage integration still call it.
         */
        get: operations["metadata_connector_tables_deprecated"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/metadata/connectors/{connectorId}/columns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Source columns of a connection (removed)
         * @deprecated
         * @description Fivetran removed the Metadata API; like Fivetran, this answers 404 `NotFound` saying so. Clients such as Airflow's OpenLineage integration still call it.
         */
        get: operations["metadata_connector_columns_deprecated"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/connector-types": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List connector types without authentication
         * @description Every source service this server knows, in service id order. Destination services are not listed, as in Fivetran. A service that cannot sync yet (it can be configured and tested, but no data moves) shows `service_status: development` and no feature beyond API_CONFIGURABLE.
         */
        get: operations["metadata_public_connectors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/external-logging": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all log services
         * @description Always an empty page: this resource does not exist on fivetran.do (see the README).
         */
        get: operations["list_log_services"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/external-secrets-managers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all external secrets managers
         * @description Always an empty page: this resource does not exist on fivetran.do (see the README).
         */
        get: operations["list_esms"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/external-secrets-managers-entities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all entities using external secrets managers
         * @description Always an empty page: this resource does not exist on fivetran.do (see the README).
         */
        get: operations["list_esm_entities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connector-sdk/packages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all Connector SDK packages
         * @description Always an empty page: this resource does not exist on fivetran.do (see the README).
         */
        get: operations["list_connector_sdk_packages"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transformations/package-metadata": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all Quickstart package metadata
         * @description Always an empty page: this resource does not exist on fivetran.do (see the README).
         */
        get: operations["transformation_package_metadata_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/external-secrets-managers/{esmId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve external secrets manager details
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        get: operations["get_esm_details"];
        put?: never;
        post?: never;
        /**
         * Delete an external secrets manager
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        delete: operations["delete_esm"];
        options?: never;
        head?: never;
        /**
         * Update an external secrets manager
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        patch: operations["modify_esm"];
        trace?: never;
    };
    "/v1/external-secrets-managers/{esmId}/entities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List entities using an external secrets manager
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        get: operations["get_esm_entities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connector-sdk/packages/{packageId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve Connector SDK package details
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        get: operations["get_connector_sdk_package"];
        put?: never;
        post?: never;
        /**
         * Delete a Connector SDK package
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        delete: operations["delete_connector_sdk_package"];
        options?: never;
        head?: never;
        /**
         * Update a Connector SDK package
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        patch: operations["update_connector_sdk_package"];
        trace?: never;
    };
    "/v1/connector-sdk/packages/{packageId}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a Connector SDK package
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        get: operations["download_connector_sdk_package"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transformations/package-metadata/{packageDefinitionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve Quickstart package metadata details
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        get: operations["transformation_package_metadata_details"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/private-links/{privateLinkId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve private link details
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        get: operations["get_private_link_details"];
        put?: never;
        post?: never;
        /**
         * Delete a private link
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        delete: operations["delete_private_link"];
        options?: never;
        head?: never;
        /**
         * Update a private link
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        patch: operations["modify_private_link"];
        trace?: never;
    };
    "/v1/proxy/{agentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve proxy agent details
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        get: operations["get_proxy_agent_details"];
        put?: never;
        post?: never;
        /**
         * Delete a proxy agent
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        delete: operations["delete_proxy_agent"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proxy/{agentId}/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all connections attached to the proxy agent
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        get: operations["get_proxy_agent_connections"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proxy/{agentId}/regenerate-secrets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Regenerate a proxy agent's secrets
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        post: operations["regenerate_secrets_proxy_agent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hybrid-deployment-agents/{agentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve hybrid deployment agent details
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        get: operations["get_hybrid_deployment_agent"];
        put?: never;
        post?: never;
        /**
         * Delete a hybrid deployment agent
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        delete: operations["delete_hybrid_deployment_agent"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hybrid-deployment-agents/{agentId}/re-auth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Regenerate a hybrid deployment agent's authentication keys
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        patch: operations["re_auth_hybrid_deployment_agent"];
        trace?: never;
    };
    "/v1/hybrid-deployment-agents/{agentId}/reset-credentials": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset a hybrid deployment agent's credentials
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        post: operations["reset_hybrid_deployment_agent_credentials"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/external-logging/account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve the account-level log service
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        get: operations["get_account_log_service_details"];
        put?: never;
        post?: never;
        /**
         * Delete the account-level log service
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        delete: operations["delete_account_log_service"];
        options?: never;
        head?: never;
        /**
         * Update the account-level log service
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        patch: operations["update_account_log_service"];
        trace?: never;
    };
    "/v1/external-logging/account/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run the account-level log service's setup tests
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        post: operations["run_setup_tests_account_log_service"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/external-logging/{logId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve log service details
         * @description External logging is not supported, so no log service exists: always 404 `NotFound_ExternalLogging`, which clients cleaning up an account read as already gone.
         */
        get: operations["get_log_service_details"];
        put?: never;
        post?: never;
        /**
         * Delete a log service
         * @description External logging is not supported, so no log service exists: always 404 `NotFound_ExternalLogging`, which clients cleaning up an account read as already gone.
         */
        delete: operations["delete_log_service"];
        options?: never;
        head?: never;
        /**
         * Update a log service
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        patch: operations["update_log_service"];
        trace?: never;
    };
    "/v1/external-logging/{logId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a log service's setup tests
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        post: operations["run_setup_tests_log_service"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transformations/{transformationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve transformation details
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        get: operations["transformation_details"];
        put?: never;
        post?: never;
        /**
         * Delete a transformation
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        delete: operations["delete_transformation"];
        options?: never;
        head?: never;
        /**
         * Update a transformation
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        patch: operations["update_transformation"];
        trace?: never;
    };
    "/v1/transformations/{transformationId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a transformation
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        post: operations["cancel_transformation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transformations/{transformationId}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run a transformation
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        post: operations["run_transformation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transformations/{transformationId}/upgrade": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upgrade a transformation's package
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        post: operations["upgrade_transformation_package"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transformation-projects/{projectId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve transformation project details
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        get: operations["transformation_project_details"];
        put?: never;
        post?: never;
        /**
         * Delete a transformation project
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        delete: operations["delete_transformation_project"];
        options?: never;
        head?: never;
        /**
         * Update a transformation project
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        patch: operations["modify_transformation_project"];
        trace?: never;
    };
    "/v1/transformation-projects/{projectId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test a transformation project
         * @description Always 404: this resource does not exist on fivetran.do (see the README).
         */
        post: operations["test_transformation_project"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all roles
         * @description Fivetran's standard roles, in name order. Custom roles are not supported.
         */
        get: operations["list_all_roles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/private-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all private links
         * @description Always an empty page: this resource cannot be created on this server yet.
         */
        get: operations["get_private_links"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/proxy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all proxy agents
         * @description Always an empty page: this resource cannot be created on this server yet.
         */
        get: operations["get_proxy_agent"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/hybrid-deployment-agents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List hybrid deployment agents
         * @description Always an empty page: this resource cannot be created on this server yet.
         */
        get: operations["get_hybrid_deployment_agent_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transformations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all transformations
         * @description Always an empty page: this resource cannot be created on this server yet.
         */
        get: operations["transformations_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/transformation-projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all transformation projects
         * @description Always an empty page: this resource cannot be created on this server yet.
         */
        get: operations["list_all_transformation_projects"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/account/info": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Information about the account and user of the API key */
        get: operations["get_account_info"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List all users */
        get: operations["list_all_users"];
        put?: never;
        /**
         * Invite a user
         * @description The user exists at once (`invited: true`, `verified: false`) and gets access through an API key the operator issues for it (`POST /operator/accounts/{id}/keys` with `user_id`). No email is sent.
         */
        post: operations["create_user"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve user details */
        get: operations["user_details"];
        put?: never;
        post?: never;
        /**
         * Delete a user
         * @description Deletes the user, its API keys and memberships. The account's owner (its first Account Administrator) and the user of the key making the request cannot be deleted (409).
         */
        delete: operations["delete_user"];
        options?: never;
        head?: never;
        /** Update a user */
        patch: operations["modify_user"];
        trace?: never;
    };
    "/v1/users/{userId}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a user's account role
         * @description The user stays in the account with its group and connection memberships only.
         */
        delete: operations["delete_user_membership_in_account"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/groups/{groupId}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the users of a group
         * @description Users with a membership in the group; `role` is their role in the group.
         */
        get: operations["list_all_users_in_group"];
        put?: never;
        /** Add an existing user to a group */
        post: operations["add_user_to_group"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/groups/{groupId}/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a user from a group */
        delete: operations["delete_user_from_group"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{userId}/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the user's memberships in groups */
        get: operations["list_user_membership_in_group"];
        put?: never;
        /** Add the user to a group */
        post: operations["create_user_membership_in_group"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{userId}/groups/{groupId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve the user's membership in a group */
        get: operations["get_user_membership_in_group"];
        put?: never;
        post?: never;
        /** Remove the user from a group */
        delete: operations["delete_user_membership_in_group"];
        options?: never;
        head?: never;
        /** Change the user's role in a group */
        patch: operations["update_user_membership_in_group"];
        trace?: never;
    };
    "/v1/users/{userId}/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the user's memberships in connections */
        get: operations["list_user_membership_in_connection"];
        put?: never;
        /** Add the user to a connection */
        post: operations["create_user_membership_in_connection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{userId}/connections/{connectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve the user's membership in a connection */
        get: operations["get_user_membership_in_connection"];
        put?: never;
        post?: never;
        /** Remove the user from a connection */
        delete: operations["delete_user_membership_in_connection"];
        options?: never;
        head?: never;
        /** Change the user's role in a connection */
        patch: operations["update_user_membership_in_connection"];
        trace?: never;
    };
    "/v1/users/{userId}/connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the user's memberships in connectors
         * @description Legacy alias of /v1/users/{userId}/connections.
         */
        get: operations["list_user_membership_in_connector"];
        put?: never;
        /**
         * Add the user to a connection
         * @description Legacy alias of /v1/users/{userId}/connections.
         */
        post: operations["create_user_membership_in_connector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/users/{userId}/connectors/{connectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve the user's membership in a connection
         * @description Legacy alias of /v1/users/{userId}/connections.
         */
        get: operations["get_user_membership_in_connector"];
        put?: never;
        post?: never;
        /**
         * Remove the user from a connection
         * @description Legacy alias of /v1/users/{userId}/connections.
         */
        delete: operations["delete_user_membership_in_connector"];
        options?: never;
        head?: never;
        /**
         * Change the user's role in a connection
         * @description Legacy alias of /v1/users/{userId}/connections.
         */
        patch: operations["update_user_membership_in_connector"];
        trace?: never;
    };
    "/v1/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List all teams */
        get: operations["list_all_teams"];
        put?: never;
        /** Create a team */
        post: operations["create_team"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams/{teamId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve team details */
        get: operations["team_details"];
        put?: never;
        post?: never;
        /**
         * Delete a team
         * @description Its members stay in the account; the team's memberships go with it.
         */
        delete: operations["delete_team"];
        options?: never;
        head?: never;
        /** Update a team */
        patch: operations["modify_team"];
        trace?: never;
    };
    "/v1/teams/{teamId}/role": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a team's account role */
        delete: operations["delete_team_membership_in_account"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams/{teamId}/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the users of a team */
        get: operations["list_users_in_team"];
        put?: never;
        /** Add a user to a team */
        post: operations["add_user_to_team"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams/{teamId}/users/{userId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a user's membership in a team */
        get: operations["get_user_in_team"];
        put?: never;
        post?: never;
        /** Remove a user from a team */
        delete: operations["delete_user_from_team"];
        options?: never;
        head?: never;
        /** Change a user's role in a team */
        patch: operations["update_user_membership"];
        trace?: never;
    };
    "/v1/teams/{teamId}/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the team's memberships in groups */
        get: operations["list_team_membership_in_group"];
        put?: never;
        /** Add the team to a group */
        post: operations["create_team_membership_in_group"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams/{teamId}/groups/{groupId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve the team's membership in a group */
        get: operations["get_team_membership_in_group"];
        put?: never;
        post?: never;
        /** Remove the team from a group */
        delete: operations["delete_team_membership_in_group"];
        options?: never;
        head?: never;
        /** Change the team's role in a group */
        patch: operations["update_team_membership_in_group"];
        trace?: never;
    };
    "/v1/teams/{teamId}/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the team's memberships in connections */
        get: operations["list_team_membership_in_connection"];
        put?: never;
        /** Add the team to a connection */
        post: operations["create_team_membership_in_connection"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams/{teamId}/connections/{connectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve the team's membership in a connection */
        get: operations["get_team_membership_in_connection"];
        put?: never;
        post?: never;
        /** Remove the team from a connection */
        delete: operations["delete_team_membership_in_connection"];
        options?: never;
        head?: never;
        /** Change the team's role in a connection */
        patch: operations["update_team_membership_in_connection"];
        trace?: never;
    };
    "/v1/teams/{teamId}/connectors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the team's memberships in connectors
         * @description Legacy alias of /v1/teams/{teamId}/connections.
         */
        get: operations["list_team_membership_in_connector"];
        put?: never;
        /**
         * Add the team to a connection
         * @description Legacy alias of /v1/teams/{teamId}/connections.
         */
        post: operations["create_team_membership_in_connector"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/teams/{teamId}/connectors/{connectionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve the team's membership in a connection
         * @description Legacy alias of /v1/teams/{teamId}/connections.
         */
        get: operations["get_team_membership_in_connector"];
        put?: never;
        post?: never;
        /**
         * Remove the team from a connection
         * @description Legacy alias of /v1/teams/{teamId}/connections.
         */
        delete: operations["delete_team_membership_in_connector"];
        options?: never;
        head?: never;
        /**
         * Change the team's role in a connection
         * @description Legacy alias of /v1/teams/{teamId}/connections.
         */
        patch: operations["update_team_membership_in_connector"];
        trace?: never;
    };
    "/v1/system-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List all system keys
         * @description Only with the API key of an Account Administrator user; a system key gets 403. Secrets are never listed.
         */
        get: operations["get_system_keys"];
        put?: never;
        /**
         * Create a system key
         * @description Only with the API key of an Account Administrator user; a system key gets 403. The answer holds the key's secret, the only time it is shown.
         */
        post: operations["create_system_key"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/system-keys/{keyId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve system key details
         * @description Only with the API key of an Account Administrator user; a system key gets 403.
         */
        get: operations["get_system_key_details"];
        put?: never;
        post?: never;
        /**
         * Delete a system key
         * @description Only with the API key of an Account Administrator user; a system key gets 403. The key stops authenticating at once.
         */
        delete: operations["delete_system_key"];
        options?: never;
        head?: never;
        /**
         * Update a system key
         * @description Only with the API key of an Account Administrator user; a system key gets 403. `permissions`, when given, replaces every rule of the key.
         */
        patch: operations["update_system_key"];
        trace?: never;
    };
    "/v1/system-keys/{keyId}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a system key
         * @description Only with the API key of an Account Administrator user; a system key gets 403. Issues a new secret (shown in this answer only; the old one stops working at once) and a new `expired_at` from now.
         */
        post: operations["rotate_system_key"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/groups/{groupId}/public-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve the group's SSH public key
         * @description The group's own Ed25519 key pair, made on first read: add the public key to the SSH server's `authorized_keys` to let this group's connections in. The private key is stored encrypted (FIVETRAN_ENCRYPTION_KEY) and never leaves the server.
         */
        get: operations["group_ssh_public_key"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/groups/{groupId}/service-account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve the group's service account
         * @description The group's identity as a principal name. Fivetran's is a Google Cloud service account to grant access to (BigQuery, GCS); on Cloudflare there is no such account, so this is a stable name for the group that no cloud recognises.
         */
        get: operations["group_service_account"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}/certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the connection's approved certificates
         * @description A TLS certificate the server presents that the Workers runtime does not trust (self-signed, or from a private CA), approved for this one connection or destination. `hash` is base64url (unpadded) of the SHA-256 of the certificate's DER; `encoded_cert` the DER in base64 (PEM is accepted too). A setup test that fails on an untrusted certificate names its hash and carries its `encoded_cert` in `details`.
         */
        get: operations["list_connection_certificate"];
        put?: never;
        /**
         * Approve a certificate
         * @description A TLS certificate the server presents that the Workers runtime does not trust (self-signed, or from a private CA), approved for this one connection or destination. `hash` is base64url (unpadded) of the SHA-256 of the certificate's DER; `encoded_cert` the DER in base64 (PEM is accepted too). A setup test that fails on an untrusted certificate names its hash and carries its `encoded_cert` in `details`.
         */
        post: operations["approve_connection_certificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}/certificates/{hash}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an approved certificate
         * @description A TLS certificate the server presents that the Workers runtime does not trust (self-signed, or from a private CA), approved for this one connection or destination. `hash` is base64url (unpadded) of the SHA-256 of the certificate's DER; `encoded_cert` the DER in base64 (PEM is accepted too). A setup test that fails on an untrusted certificate names its hash and carries its `encoded_cert` in `details`.
         */
        get: operations["get_connection_certificate"];
        put?: never;
        post?: never;
        /**
         * Revoke an approved certificate
         * @description A TLS certificate the server presents that the Workers runtime does not trust (self-signed, or from a private CA), approved for this one connection or destination. `hash` is base64url (unpadded) of the SHA-256 of the certificate's DER; `encoded_cert` the DER in base64 (PEM is accepted too). A setup test that fails on an untrusted certificate names its hash and carries its `encoded_cert` in `details`.
         */
        delete: operations["revoke_connection_certificate"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}/fingerprints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the connection's approved fingerprints
         * @description Fingerprint approval is not available on fivetran.do: no source or destination connects through an SSH tunnel here. None is ever approved.
         */
        get: operations["list_connection_fingerprint"];
        put?: never;
        /**
         * Approve a fingerprint
         * @description Fingerprint approval is not available on fivetran.do: no source or destination connects through an SSH tunnel here. None is ever approved.
         */
        post: operations["approve_connection_fingerprint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connections/{connectionId}/fingerprints/{hash}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an approved fingerprint
         * @description Fingerprint approval is not available on fivetran.do: no source or destination connects through an SSH tunnel here. None is ever approved.
         */
        get: operations["get_connection_fingerprint"];
        put?: never;
        post?: never;
        /**
         * Revoke an approved fingerprint
         * @description Fingerprint approval is not available on fivetran.do: no source or destination connects through an SSH tunnel here. None is ever approved.
         */
        delete: operations["revoke_connection_fingerprint"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{connectionId}/certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the connector's approved certificates
         * @description A TLS certificate the server presents that the Workers runtime does not trust (self-signed, or from a private CA), approved for this one connection or destination. `hash` is base64url (unpadded) of the SHA-256 of the certificate's DER; `encoded_cert` the DER in base64 (PEM is accepted too). A setup test that fails on an untrusted certificate names its hash and carries its `encoded_cert` in `details`.
         */
        get: operations["list_connector_certificate"];
        put?: never;
        /**
         * Approve a certificate
         * @description A TLS certificate the server presents that the Workers runtime does not trust (self-signed, or from a private CA), approved for this one connection or destination. `hash` is base64url (unpadded) of the SHA-256 of the certificate's DER; `encoded_cert` the DER in base64 (PEM is accepted too). A setup test that fails on an untrusted certificate names its hash and carries its `encoded_cert` in `details`.
         */
        post: operations["approve_connector_certificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{connectionId}/certificates/{hash}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an approved certificate
         * @description A TLS certificate the server presents that the Workers runtime does not trust (self-signed, or from a private CA), approved for this one connection or destination. `hash` is base64url (unpadded) of the SHA-256 of the certificate's DER; `encoded_cert` the DER in base64 (PEM is accepted too). A setup test that fails on an untrusted certificate names its hash and carries its `encoded_cert` in `details`.
         */
        get: operations["get_connector_certificate"];
        put?: never;
        post?: never;
        /**
         * Revoke an approved certificate
         * @description A TLS certificate the server presents that the Workers runtime does not trust (self-signed, or from a private CA), approved for this one connection or destination. `hash` is base64url (unpadded) of the SHA-256 of the certificate's DER; `encoded_cert` the DER in base64 (PEM is accepted too). A setup test that fails on an untrusted certificate names its hash and carries its `encoded_cert` in `details`.
         */
        delete: operations["revoke_connector_certificate"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{connectionId}/fingerprints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the connector's approved fingerprints
         * @description Fingerprint approval is not available on fivetran.do: no source or destination connects through an SSH tunnel here. None is ever approved.
         */
        get: operations["list_connector_fingerprint"];
        put?: never;
        /**
         * Approve a fingerprint
         * @description Fingerprint approval is not available on fivetran.do: no source or destination connects through an SSH tunnel here. None is ever approved.
         */
        post: operations["approve_connector_fingerprint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/connectors/{connectionId}/fingerprints/{hash}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an approved fingerprint
         * @description Fingerprint approval is not available on fivetran.do: no source or destination connects through an SSH tunnel here. None is ever approved.
         */
        get: operations["get_connector_fingerprint"];
        put?: never;
        post?: never;
        /**
         * Revoke an approved fingerprint
         * @description Fingerprint approval is not available on fivetran.do: no source or destination connects through an SSH tunnel here. None is ever approved.
         */
        delete: operations["revoke_connector_fingerprint"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/destinations/{destinationId}/certificates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the destination's approved certificates
         * @description A TLS certificate the server presents that the Workers runtime does not trust (self-signed, or from a private CA), approved for this one connection or destination. `hash` is base64url (unpadded) of the SHA-256 of the certificate's DER; `encoded_cert` the DER in base64 (PEM is accepted too). A setup test that fails on an untrusted certificate names its hash and carries its `encoded_cert` in `details`.
         */
        get: operations["list_destination_certificate"];
        put?: never;
        /**
         * Approve a certificate
         * @description A TLS certificate the server presents that the Workers runtime does not trust (self-signed, or from a private CA), approved for this one connection or destination. `hash` is base64url (unpadded) of the SHA-256 of the certificate's DER; `encoded_cert` the DER in base64 (PEM is accepted too). A setup test that fails on an untrusted certificate names its hash and carries its `encoded_cert` in `details`.
         */
        post: operations["approve_destination_certificate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/destinations/{destinationId}/certificates/{hash}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an approved certificate
         * @description A TLS certificate the server presents that the Workers runtime does not trust (self-signed, or from a private CA), approved for this one connection or destination. `hash` is base64url (unpadded) of the SHA-256 of the certificate's DER; `encoded_cert` the DER in base64 (PEM is accepted too). A setup test that fails on an untrusted certificate names its hash and carries its `encoded_cert` in `details`.
         */
        get: operations["get_destination_certificate"];
        put?: never;
        post?: never;
        /**
         * Revoke an approved certificate
         * @description A TLS certificate the server presents that the Workers runtime does not trust (self-signed, or from a private CA), approved for this one connection or destination. `hash` is base64url (unpadded) of the SHA-256 of the certificate's DER; `encoded_cert` the DER in base64 (PEM is accepted too). A setup test that fails on an untrusted certificate names its hash and carries its `encoded_cert` in `details`.
         */
        delete: operations["revoke_destination_certificate"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/destinations/{destinationId}/fingerprints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the destination's approved fingerprints
         * @description Fingerprint approval is not available on fivetran.do: no source or destination connects through an SSH tunnel here. None is ever approved.
         */
        get: operations["list_destination_fingerprint"];
        put?: never;
        /**
         * Approve a fingerprint
         * @description Fingerprint approval is not available on fivetran.do: no source or destination connects through an SSH tunnel here. None is ever approved.
         */
        post: operations["approve_destination_fingerprint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/destinations/{destinationId}/fingerprints/{hash}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Retrieve an approved fingerprint
         * @description Fingerprint approval is not available on fivetran.do: no source or destination connects through an SSH tunnel here. None is ever approved.
         */
        get: operations["get_destination_fingerprint"];
        put?: never;
        post?: never;
        /**
         * Revoke an approved fingerprint
         * @description Fingerprint approval is not available on fivetran.do: no source or destination connects through an SSH tunnel here. None is ever approved.
         */
        delete: operations["revoke_destination_fingerprint"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List all webhooks */
        get: operations["list_all_webhooks"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/account": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account webhook */
        post: operations["create_account_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/group/{groupId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a group webhook */
        post: operations["create_group_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{webhookId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve webhook details */
        get: operations["webhook_details"];
        put?: never;
        post?: never;
        /** Delete a webhook */
        delete: operations["delete_webhook"];
        options?: never;
        head?: never;
        /** Update a webhook */
        patch: operations["modify_webhook"];
        trace?: never;
    };
    "/v1/webhooks/{webhookId}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Test a webhook
         * @description Sends a sample payload of `event` to the webhook now, signed as deliveries are, and reports the receiver's answer. An inactive webhook is tested too.
         */
        post: operations["test_webhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{webhookId}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a webhook's deliveries (fivetran.do extension)
         * @description The delivery log, newest first: every event delivered or being retried, and every test. Kept for FIVETRAN_EVENTS_RETENTION_DAYS.
         */
        get: operations["list_webhook_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream events as server-sent events (fivetran.do extension)
         * @description A `text/event-stream` of the account's events as they happen: each message has `id` (the event id), `event` (its type) and `data` (the Event as JSON). Reconnect with the `Last-Event-ID` header (or `?after=`) to resume after the last event received; without either the stream starts with the next event.
         */
        get: operations["stream_events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List events (fivetran.do extension)
         * @description The account's lifecycle events, oldest first, kept for FIVETRAN_EVENTS_RETENTION_DAYS. Page on with `cursor`, or poll with `after` = the last id seen.
         */
        get: operations["list_events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operator/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an account with its administrator and first API key */
        post: operations["operator_create_account"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operator/accounts/{accountId}/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List an account's API keys (never their secrets) */
        get: operations["operator_list_keys"];
        put?: never;
        /**
         * Issue another API key for an account's administrator, or for one of its users
         * @description Without a body the key is the account owner's. With `user_id` it is that user's, limited to what the user's roles allow (Fivetran's scoped API key); the user's invitation counts as accepted once the key authenticates.
         */
        post: operations["operator_create_key"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operator/keys/{apiKey}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a key for good */
        delete: operations["operator_revoke_key"];
        options?: never;
        head?: never;
        /** Change a key's MCP scope (`read` or `write`) */
        patch: operations["operator_update_key"];
        trace?: never;
    };
    "/operator/keys/{apiKey}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Replace a key's secret; the old secret stops working at once */
        post: operations["operator_rotate_key"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operator/accounts/{accountId}/bindings/{binding}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Let an account use a shared Worker binding (a D1 database, an R2 bucket) under its own namespace */
        put: operations["operator_grant_binding"];
        post?: never;
        /** Revoke an account's grant of a binding; its syncs through it fail from then on (its data stays) */
        delete: operations["operator_revoke_binding"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/operator/accounts/{accountId}/bindings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the shared bindings an account may use, with its namespace in each */
        get: operations["operator_list_bindings"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage/rows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Rows synced per connection, table and UTC day
         * @description The account's rows synced and bytes, newest day last, filtered by group, connection and date range. Exact under replays.
         */
        get: operations["list_usage_rows"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage/mar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Monthly active rows per connection, table and calendar month
         * @description Distinct primary keys inserted, updated or deleted per table per calendar month (UTC), exact, with Fivetran's free and paid split.
         */
        get: operations["list_usage_mar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage/rows.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Rows synced as CSV (every page)
         * @description Same filters as /v1/usage/rows (cursor and limit ignored); a header line, then one line per row.
         */
        get: operations["export_usage_rows"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/usage/mar.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Monthly active rows as CSV (every page)
         * @description Same filters as /v1/usage/mar; a header line, then one line per table and month.
         */
        get: operations["export_usage_mar"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Group: {
            /** @example projected_sickle */
            id: string;
            /** @example analytics */
            name: string;
            /** @example 2024-12-01T15:43:29.013000Z */
            created_at: string;
        };
        Error: {
            /** @example InvalidInput */
            code: string;
            /** @example Field 'name' is required */
            message: string;
        };
        NewGroupRequest: {
            /** @example analytics */
            name: string;
        };
        UpdateGroupRequest: {
            /** @example analytics */
            name?: string | null;
        };
        MessageResponse: {
            /** @example Success */
            code: string;
            message: string;
        };
        Connection: {
            /** @example recoup_befell */
            id: string;
            /** @example projected_sickle */
            group_id: string;
            /** @example postgres */
            service: string;
            service_version: number;
            /**
             * @description The connection's name and destination schema
             * @example pg
             */
            schema: string;
            connected_by: string | null;
            /** @example 2024-12-01T15:43:29.013000Z */
            created_at: string;
            /** @example 2024-12-01T15:43:29.013000Z */
            succeeded_at: string | null;
            /** @example 2024-12-01T15:43:29.013000Z */
            failed_at: string | null;
            paused: boolean;
            pause_after_trial: boolean;
            sync_frequency: number;
            /** @enum {string} */
            schedule_type: "auto" | "manual";
            daily_sync_time: string | null;
            data_delay_sensitivity: string;
            data_delay_threshold: number;
            networking_method: string;
            private_link_id: string | null;
            proxy_agent_id: string | null;
            hybrid_deployment_agent_id: string | null;
            destination_schema_names: string;
            status: components["schemas"]["ConnectionStatus"];
            /** @description Service config; secrets as ****** */
            config: {
                [key: string]: unknown;
            };
            source_sync_details: {
                [key: string]: unknown;
            } | null;
            schedule?: components["schemas"]["ConnectionSchedule"];
            sync_options?: components["schemas"]["SyncOptions"];
            transform?: components["schemas"]["Transform"];
            /** @description On create, update and test only */
            setup_tests?: components["schemas"]["SetupTest"][];
            connect_card?: components["schemas"]["ConnectCard"];
            connect_card_config?: components["schemas"]["ConnectCardConfig"];
            /** @description Extension, in GET details only: the connection's event triggers (…/triggers) */
            triggers?: components["schemas"]["ConnectionTrigger"][];
        };
        ConnectionStatus: {
            /** @enum {string} */
            setup_state: "incomplete" | "connected" | "broken";
            /** @enum {string} */
            sync_state: "scheduled" | "syncing" | "paused" | "rescheduled";
            /** @enum {string} */
            update_state: "on_schedule" | "delayed";
            is_historical_sync: boolean;
            /** @example 2024-12-01T15:43:29.013000Z */
            rescheduled_for?: string | null;
            /** @description What a person must do after the last run failed: `reconnect` (with `setup_state` broken) when the source refused the credentials; cleared by passing setup tests or a successful run */
            tasks: {
                code: string;
                message: string;
                details?: unknown;
            }[];
            /** @description Besides the warnings of the last run: `sync_retrying` while a run waits to retry a failed attempt (its message names the reason and the next attempt's time; `details` has `attempt`, `max_attempts`, `next_attempt_at`, `reason`, `run_id`), gone when the run ends; `unsupported_source` or `unsupported_destination` when the connection's source cannot sync yet or its destination cannot be written to yet (it can be configured and tested, but no data moves) */
            warnings: {
                code: string;
                message: string;
                details?: unknown;
            }[];
            /**
             * @description Extension: when the schedule starts the connection's next run; null when it starts none: paused, manual, setup tests not passed, no destination in the group, or a source or destination that cannot sync yet
             * @example 2024-12-01T15:43:29.013000Z
             */
            next_sync_at: string | null;
            /** @description Extension, in GET details only (lists stay cheap): the run in progress with rows so far, or null */
            current_run?: {
                id: string;
                /** @description manual, force, resync, scheduled, or an event trigger: url, queue, chain */
                trigger: string;
                started_at: string;
                /** @description Rows written so far per source `schema.table` */
                rows_so_far: {
                    [key: string]: number;
                };
                /**
                 * @description When rows_so_far last grew
                 * @example 2024-12-01T15:43:29.013000Z
                 */
                progress_at: string | null;
            } | null;
            /** @description Extension, in GET details only: the last finished run with its outcome and totals, or null */
            last_run?: {
                id: string;
                trigger: string;
                /** @enum {string} */
                status: "succeeded" | "failed" | "cancelled";
                started_at: string;
                /** @example 2024-12-01T15:43:29.013000Z */
                ended_at: string | null;
                duration_ms: number | null;
                rows: number;
                bytes: number;
                error: string | null;
            } | null;
        };
        ConnectionSchedule: {
            /** @enum {string} */
            schedule_type: "INTERVAL" | "TIME_OF_DAY" | "CRON" | "MANUAL";
            /** @description Minutes between syncs (INTERVAL) */
            interval?: number;
            /**
             * @description "HH:MM" (TIME_OF_DAY)
             * @example 09:00
             */
            time_of_day?: string;
            days_of_week?: ("SUNDAY" | "MONDAY" | "TUESDAY" | "WEDNESDAY" | "THURSDAY" | "FRIDAY" | "SATURDAY")[];
            /** @example 0 *\/6 * * * */
            cron?: string;
            /** @description Extension: the phrase the schedule was set with */
            phrase?: string;
        };
        /** @description Extension: engine options of our SDK */
        SyncOptions: {
            /** @enum {string} */
            mode?: "incremental" | "full";
            cursor?: string;
            lookback?: string;
            retries?: number;
            /** @enum {string} */
            backoff?: "exponential" | "linear" | "fixed";
        };
        /** @description Extension: the connection's transform in flight, applied to every table without one of its own */
        Transform: components["schemas"]["SqlTransform"] | components["schemas"]["FunctionTransform"];
        SqlTransform: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "sql";
            /**
             * @description A single SELECT over `{{ source }}` (the rows of one batch), run in SQLite
             * @example SELECT id, LOWER(email) AS email FROM {{ source }}
             */
            query: string;
        };
        FunctionTransform: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "function";
            /**
             * @description The source of a JavaScript function of one row (an object by column name) returning the row to write, or null to drop it; runs in a sandboxed isolate
             * @example (row) => ({ ...row, email: row.email.toLowerCase() })
             */
            fn: string;
        };
        SetupTest: {
            title: string;
            /** @enum {string} */
            status: "PASSED" | "SKIPPED" | "WARNING" | "FAILED" | "JOB_FAILED";
            message: string;
            details?: unknown;
        };
        /** @description On a create with `connect_card_config` only: the card's token (shown once) and URI */
        ConnectCard: {
            /** @description Shown once; only its SHA-256 is stored. Valid for 24 hours */
            token: string;
            /**
             * @description The card's page on this Worker (`/connect-card/setup?auth=<token>`): send the end user there
             * @example https://fivetran.example/connect-card/setup?auth=ftc_…
             */
            uri: string;
        };
        /** @description On a create with `connect_card_config` only */
        ConnectCardConfig: {
            redirect_uri: string;
            hide_setup_guide: boolean;
            all_fields: boolean;
        };
        ConnectionTrigger: {
            /** @example brave_heron */
            id: string;
            connection_id: string;
            /** @enum {string} */
            type: "url" | "queue" | "after";
            /** @description type url: POST here with `Authorization: Bearer <token>` to start a sync */
            url?: string;
            /** @description type url: the bearer token, in the create answer only (stored as its SHA-256); ****** otherwise */
            token?: string;
            /** @description type queue: the Cloudflare Queue whose messages start a sync */
            queue?: string;
            /** @description type after: the connection whose successful sync starts this one */
            after_connection_id?: string;
            created_at: string;
        };
        Destination: {
            /**
             * @description Equals the group id
             * @example projected_sickle
             */
            id: string;
            /** @example projected_sickle */
            group_id: string;
            /** @example postgres_warehouse */
            service: string;
            /** @enum {string} */
            region: "GCP_US_EAST4" | "GCP_US_WEST1" | "GCP_US_CENTRAL1" | "GCP_EUROPE_WEST3" | "GCP_AUSTRALIA_SOUTHEAST1" | "GCP_NORTHAMERICA_NORTHEAST1" | "GCP_EUROPE_WEST2" | "GCP_ASIA_SOUTHEAST1" | "GCP_ASIA_SOUTHEAST2" | "GCP_ASIA_SOUTH1" | "GCP_ASIA_NORTHEAST1" | "AWS_US_EAST_1" | "AWS_US_EAST_2" | "AWS_US_WEST_2" | "AWS_AP_NORTHEAST_1" | "AWS_AP_SOUTHEAST_1" | "AWS_AP_SOUTHEAST_2" | "AWS_EU_CENTRAL_1" | "AWS_EU_WEST_1" | "AWS_EU_WEST_2" | "AWS_AP_SOUTH_1" | "AWS_CA_CENTRAL_1" | "AWS_US_GOV_WEST_1" | "AZURE_EASTUS2" | "AZURE_AUSTRALIAEAST" | "AZURE_UKSOUTH" | "AZURE_WESTEUROPE" | "AZURE_CENTRALUS" | "AZURE_CANADACENTRAL" | "AZURE_UAENORTH" | "AZURE_SOUTHEASTASIA" | "AZURE_EASTUS" | "AZURE_JAPANEAST" | "AZURE_CENTRALINDIA";
            /** @example -5 */
            time_zone_offset: string;
            /** @enum {string} */
            setup_status: "incomplete" | "connected" | "broken";
            daylight_saving_time_enabled: boolean;
            /** @enum {string} */
            networking_method: "Directly" | "PrivateLink" | "SshTunnel" | "ProxyAgent";
            private_link_id: string | null;
            proxy_agent_id: string | null;
            hybrid_deployment_agent_id: string | null;
            /** @description Deprecated; always null */
            local_processing_agent_id: string | null;
            external_secrets_manager_id: string | null;
            /**
             * @description Service config in Fivetran's field names. Values come back as strings (except is_private_key_encrypted); secrets as "******".
             * @example {
             *       "host": "db.example.com",
             *       "port": "5432",
             *       "database": "warehouse",
             *       "user": "loader",
             *       "password": "******"
             *     }
             */
            config: {
                [key: string]: unknown;
            };
        };
        DestinationWithSetupTests: components["schemas"]["Destination"] & {
            setup_tests: components["schemas"]["SetupTest"][];
        };
        NewDestinationRequest: {
            /** @example projected_sickle */
            group_id: string;
            /** @example postgres_warehouse */
            service: string;
            /**
             * @description UTC offset in whole hours, "-11" … "0" … "+12"
             * @example -5
             */
            time_zone_offset: string;
            /** @enum {string|null} */
            region?: "GCP_US_EAST4" | "GCP_US_WEST1" | "GCP_US_CENTRAL1" | "GCP_EUROPE_WEST3" | "GCP_AUSTRALIA_SOUTHEAST1" | "GCP_NORTHAMERICA_NORTHEAST1" | "GCP_EUROPE_WEST2" | "GCP_ASIA_SOUTHEAST1" | "GCP_ASIA_SOUTHEAST2" | "GCP_ASIA_SOUTH1" | "GCP_ASIA_NORTHEAST1" | "AWS_US_EAST_1" | "AWS_US_EAST_2" | "AWS_US_WEST_2" | "AWS_AP_NORTHEAST_1" | "AWS_AP_SOUTHEAST_1" | "AWS_AP_SOUTHEAST_2" | "AWS_EU_CENTRAL_1" | "AWS_EU_WEST_1" | "AWS_EU_WEST_2" | "AWS_AP_SOUTH_1" | "AWS_CA_CENTRAL_1" | "AWS_US_GOV_WEST_1" | "AZURE_EASTUS2" | "AZURE_AUSTRALIAEAST" | "AZURE_UKSOUTH" | "AZURE_WESTEUROPE" | "AZURE_CENTRALUS" | "AZURE_CANADACENTRAL" | "AZURE_UAENORTH" | "AZURE_SOUTHEASTASIA" | "AZURE_EASTUS" | "AZURE_JAPANEAST" | "AZURE_CENTRALINDIA" | null;
            /** @description Service config in Fivetran's field names (or our SDK's short forms, e.g. connectionString). On PATCH it is merged; "******" keeps a stored secret. */
            config?: {
                [key: string]: unknown;
            } | null;
            run_setup_tests?: boolean | null;
            /** @description true approves the TLS certificate the setup tests find untrusted (see the certificates endpoints), then runs them again */
            trust_certificates?: boolean | null;
            /** @description Accepted for compatibility; no effect */
            trust_fingerprints?: boolean | null;
            daylight_saving_time_enabled?: boolean | null;
            /** @enum {string|null} */
            networking_method?: "Directly" | "PrivateLink" | "SshTunnel" | "ProxyAgent" | null;
            private_link_id?: string | null;
            proxy_agent_id?: string | null;
            hybrid_deployment_agent_id?: string | null;
            external_secrets_manager_id?: string | null;
        };
        UpdateDestinationRequest: {
            /**
             * @description UTC offset in whole hours, "-11" … "0" … "+12"
             * @example -5
             */
            time_zone_offset?: string;
            /** @enum {string|null} */
            region?: "GCP_US_EAST4" | "GCP_US_WEST1" | "GCP_US_CENTRAL1" | "GCP_EUROPE_WEST3" | "GCP_AUSTRALIA_SOUTHEAST1" | "GCP_NORTHAMERICA_NORTHEAST1" | "GCP_EUROPE_WEST2" | "GCP_ASIA_SOUTHEAST1" | "GCP_ASIA_SOUTHEAST2" | "GCP_ASIA_SOUTH1" | "GCP_ASIA_NORTHEAST1" | "AWS_US_EAST_1" | "AWS_US_EAST_2" | "AWS_US_WEST_2" | "AWS_AP_NORTHEAST_1" | "AWS_AP_SOUTHEAST_1" | "AWS_AP_SOUTHEAST_2" | "AWS_EU_CENTRAL_1" | "AWS_EU_WEST_1" | "AWS_EU_WEST_2" | "AWS_AP_SOUTH_1" | "AWS_CA_CENTRAL_1" | "AWS_US_GOV_WEST_1" | "AZURE_EASTUS2" | "AZURE_AUSTRALIAEAST" | "AZURE_UKSOUTH" | "AZURE_WESTEUROPE" | "AZURE_CENTRALUS" | "AZURE_CANADACENTRAL" | "AZURE_UAENORTH" | "AZURE_SOUTHEASTASIA" | "AZURE_EASTUS" | "AZURE_JAPANEAST" | "AZURE_CENTRALINDIA" | null;
            /** @description Service config in Fivetran's field names (or our SDK's short forms, e.g. connectionString). On PATCH it is merged; "******" keeps a stored secret. */
            config?: {
                [key: string]: unknown;
            } | null;
            run_setup_tests?: boolean | null;
            /** @description true approves the TLS certificate the setup tests find untrusted (see the certificates endpoints), then runs them again */
            trust_certificates?: boolean | null;
            /** @description Accepted for compatibility; no effect */
            trust_fingerprints?: boolean | null;
            daylight_saving_time_enabled?: boolean | null;
            /** @enum {string|null} */
            networking_method?: "Directly" | "PrivateLink" | "SshTunnel" | "ProxyAgent" | null;
            private_link_id?: string | null;
            proxy_agent_id?: string | null;
            hybrid_deployment_agent_id?: string | null;
            external_secrets_manager_id?: string | null;
        };
        RunDestinationSetupTestsRequest: {
            trust_certificates?: boolean | null;
            trust_fingerprints?: boolean | null;
        };
        NewConnectionRequest: {
            /** @example projected_sickle */
            group_id: string;
            /** @example postgres */
            service: string;
            /** @description Service config (SDK short forms accepted) */
            config?: {
                [key: string]: unknown;
            } | null;
            /** @description OAuth credentials (e.g. Salesforce's client_access and refresh_token), merged into config */
            auth?: {
                [key: string]: unknown;
            } | null;
            paused?: boolean | null;
            pause_after_trial?: boolean | null;
            /**
             * @description Minutes between syncs (default 360)
             * @enum {integer|null}
             */
            sync_frequency?: 1 | 5 | 15 | 30 | 60 | 120 | 180 | 360 | 480 | 720 | 1440 | null;
            /**
             * @description Start of the daily sync; only with sync_frequency 1440
             * @example 03:00
             */
            daily_sync_time?: string | null;
            /** @enum {string|null} */
            schedule_type?: "auto" | "manual" | null;
            schedule?: components["schemas"]["ConnectionScheduleInput"];
            sync_options?: components["schemas"]["SyncOptionsInput"];
            run_setup_tests?: boolean | null;
            /** @description Extension (our SDK's `transform`): a SQL or function transform applied to each batch of every table (a table's own, set in the schema config, wins); checked against the discovered tables. null removes it */
            transform?: components["schemas"]["SqlTransform"] | components["schemas"]["FunctionTransform"] | null;
            schema_policy?: components["schemas"]["SchemaPolicyInput"];
            /** @description true approves the TLS certificate the setup tests find untrusted (see the certificates endpoints), then runs them again (on PATCH with run_setup_tests) */
            trust_certificates?: boolean | null;
            /** @description Accepted; SSH tunnels are not supported */
            trust_fingerprints?: boolean | null;
            /** @enum {string|null} */
            data_delay_sensitivity?: "LOW" | "NORMAL" | "HIGH" | "CUSTOM" | "SYNC_FREQUENCY" | null;
            data_delay_threshold?: number | null;
            /** @enum {string|null} */
            networking_method?: "Directly" | "SshTunnel" | "PrivateLink" | "ProxyAgent" | null;
            proxy_agent_id?: string | null;
            private_link_id?: string | null;
            hybrid_deployment_agent_id?: string | null;
            /** @enum {string|null} */
            destination_schema_names?: "FIVETRAN_NAMING" | "SOURCE_NAMING" | null;
            /** @description Accepted and ignored */
            destination_configuration?: {
                [key: string]: unknown;
            } | null;
            /** @description Issues a Connect Card (as POST …/connect-card does): the response carries `connect_card` {token, uri} and `connect_card_config`. Required config fields may then be left out (each one given is still validated); the end user fills them in on the card, and setup tests wait for it (`setup_state` incomplete) */
            connect_card_config?: {
                /**
                 * @description Where the end user is sent after a successful Save & Test, with `?id=<connection id>` appended
                 * @example https://your.site/path
                 */
                redirect_uri: string;
                /** @description Hide the setup guide on the card (default false) */
                hide_setup_guide?: boolean | null;
                /** @description Show every config field expanded, including the optional ones the card otherwise folds away */
                all_fields?: boolean | null;
            } | null;
            /** @description Accepted and ignored */
            external_secrets_manager_id?: string | null;
        };
        /** @description Flexible schedule (takes precedence over sync_frequency): Fivetran's `{schedule_type: INTERVAL|TIME_OF_DAY|CRON|MANUAL, interval, time_of_day, days_of_week, cron}`, or `{cron: "0 *\/6 * * *"}`, or a phrase: "every 15 minutes", "every 2 hours", "hourly", "daily", "daily at 9am", "daily at 14:00". */
        ConnectionScheduleInput: string | {
            schedule_type?: string | null;
            interval?: number | null;
            time_of_day?: string | null;
            days_of_week?: string[] | null;
            cron?: string | null;
            phrase?: string | null;
        } | null;
        /** @description Extension: engine options (mode, cursor, lookback, retries, backoff) */
        SyncOptionsInput: {
            /** @enum {string|null} */
            mode?: "incremental" | "full" | null;
            cursor?: string | null;
            lookback?: string | null;
            retries?: number | null;
            /** @enum {string|null} */
            backoff?: "exponential" | "linear" | "fixed" | null;
        } | null;
        /** @description Extension: the SDK's schema block (autoMigrate, allowBreaking, trackHistory, notify) */
        SchemaPolicyInput: {
            /** @description true: schema_change_handling ALLOW_ALL (new tables and columns sync, types widen); false: BLOCK_ALL */
            auto_migrate?: boolean | null;
            /** @description Apply drops, narrowings, renames and primary-key changes instead of blocking them */
            allow_breaking?: boolean | null;
            /** @description Record changes in the schema history (default true) */
            track_history?: boolean | null;
            /** @description Addresses mailed each change applied or blocked (send_email binding SCHEMA_EMAIL) */
            notify?: string[] | null;
        } | null;
        UpdateConnectionRequest: {
            /** @description Service config (SDK short forms accepted) */
            config?: {
                [key: string]: unknown;
            } | null;
            /** @description OAuth credentials (e.g. Salesforce's client_access and refresh_token), merged into config */
            auth?: {
                [key: string]: unknown;
            } | null;
            paused?: boolean | null;
            pause_after_trial?: boolean | null;
            /**
             * @description Minutes between syncs (default 360)
             * @enum {integer|null}
             */
            sync_frequency?: 1 | 5 | 15 | 30 | 60 | 120 | 180 | 360 | 480 | 720 | 1440 | null;
            /**
             * @description Start of the daily sync; only with sync_frequency 1440
             * @example 03:00
             */
            daily_sync_time?: string | null;
            /** @enum {string|null} */
            schedule_type?: "auto" | "manual" | null;
            schedule?: components["schemas"]["ConnectionScheduleInput"];
            sync_options?: components["schemas"]["SyncOptionsInput"];
            run_setup_tests?: boolean | null;
            /** @description Extension (our SDK's `transform`): a SQL or function transform applied to each batch of every table (a table's own, set in the schema config, wins); checked against the discovered tables. null removes it */
            transform?: components["schemas"]["SqlTransform"] | components["schemas"]["FunctionTransform"] | null;
            schema_policy?: components["schemas"]["SchemaPolicyInput"];
            /** @description true approves the TLS certificate the setup tests find untrusted (see the certificates endpoints), then runs them again (on PATCH with run_setup_tests) */
            trust_certificates?: boolean | null;
            /** @description Accepted; SSH tunnels are not supported */
            trust_fingerprints?: boolean | null;
            /** @enum {string|null} */
            data_delay_sensitivity?: "LOW" | "NORMAL" | "HIGH" | "CUSTOM" | "SYNC_FREQUENCY" | null;
            data_delay_threshold?: number | null;
            /** @enum {string|null} */
            networking_method?: "Directly" | "SshTunnel" | "PrivateLink" | "ProxyAgent" | null;
            proxy_agent_id?: string | null;
            private_link_id?: string | null;
            hybrid_deployment_agent_id?: string | null;
            is_historical_sync?: boolean | null;
            /**
             * @description Accepted and not stored (column-masking flows are not supported)
             * @enum {string|null}
             */
            schema_status?: "ready" | "blocked_on_capture" | null;
            /** @description Accepted and ignored */
            destination_configuration?: {
                [key: string]: unknown;
            } | null;
        };
        RunSetupTestsRequest: {
            trust_certificates?: boolean | null;
            trust_fingerprints?: boolean | null;
        };
        ConnectCardResponse: {
            connector_id: string;
            connect_card: components["schemas"]["ConnectCard"];
            connect_card_config: components["schemas"]["ConnectCardConfig"];
        };
        ConnectCardRequest: {
            connect_card_config: components["schemas"]["ConnectCardConfigInput"];
        };
        ConnectCardConfigInput: {
            /**
             * @description Where the end user is sent after a successful Save & Test, with `?id=<connection id>` appended
             * @example https://your.site/path
             */
            redirect_uri: string;
            /** @description Hide the setup guide on the card (default false) */
            hide_setup_guide?: boolean | null;
            /** @description Show every config field expanded, including the optional ones the card otherwise folds away */
            all_fields?: boolean | null;
        };
        SyncConnectionRequest: {
            /** @description Cancel a sync in progress and start over (default false: a no-op while syncing) */
            force?: boolean | null;
        };
        ResyncConnectionRequest: {
            /**
             * @description The tables to re-sync by source schema; absent or null re-syncs everything
             * @example {
             *       "public": [
             *         "orders"
             *       ]
             *     }
             */
            scope?: {
                [key: string]: string[];
            } | null;
        };
        /**
         * @example {
         *       "public": [
         *         "orders"
         *       ]
         *     }
         */
        TablesBySchema: {
            [key: string]: string[];
        };
        ConnectionStateResponse: {
            state: components["schemas"]["ConnectionState"];
        };
        /**
         * @example {
         *       "public.orders": {
         *         "cursor": "2024-12-01T00:00:00Z"
         *       }
         *     }
         */
        ConnectionState: {
            [key: string]: {
                [key: string]: unknown;
            };
        };
        UpdateConnectionStateRequest: {
            state: components["schemas"]["ConnectionState"];
        };
        Run: {
            id: string;
            /** @description manual, force, resync, scheduled, or an event trigger: url, queue, chain */
            trigger: string;
            /** @enum {string} */
            status: "running" | "succeeded" | "failed" | "cancelled";
            started_at: string;
            ended_at: string | null;
            /** @description null while running */
            duration_ms: number | null;
            error: string | null;
            retries: number;
            /** @description Every failed attempt of the run's slices, oldest first, kept after the run ends; the last one has `retry_at` null when it ended the run */
            attempts: components["schemas"]["RunAttempt"][];
            rows: number;
            bytes: number;
            /** @description Rows and bytes written per source `schema.table` */
            tables: {
                [key: string]: {
                    rows: number;
                    bytes: number;
                };
            };
            progress_at: string | null;
        };
        RunAttempt: {
            /** @description The slice of the run (0-based) the attempt ran */
            slice: number;
            /** @description 1-based within the slice: the first try is attempt 1 */
            attempt: number;
            failed_at: string;
            /**
             * @description transient and rate_limited are retried; auth is retried once, then the connection's setup_state turns broken; configuration and unknown end the run
             * @enum {string}
             */
            kind: "transient" | "rate_limited" | "auth" | "configuration" | "unknown";
            /** @description sync_failed, authentication_failed, or a configuration code */
            code: string;
            /** @description The error, sanitised: no secret or credential-shaped text */
            message: string;
            /** @description When the next attempt was due; null for the attempt that ended the run */
            retry_at: string | null;
        };
        SchemaHistoryEntry: {
            id: string;
            /**
             * @description What changed
             * @enum {string}
             */
            change: "new_schema" | "new_table" | "add_column" | "widen" | "narrow" | "drop_column" | "rename_column" | "primary_key";
            /** @enum {string} */
            status: "applied" | "blocked";
            /** @description Source schema */
            schema: string;
            table: string;
            column: string | null;
            /** @description A rename's previous column name */
            old_name: string | null;
            /** @description A primary key's columns for `primary_key` */
            old_type: string | null;
            new_type: string | null;
            /** @description The sync that found it; null for a reload or a change by hand */
            run_id: string | null;
            /** @enum {string} */
            origin: "run" | "reload" | "manual" | "transform";
            /** @description What happened and, for a blocked change, what to do */
            message: string;
            timestamp: string;
        };
        EvolveSchemaRequest: {
            /** @description A source column the policy kept out is enabled; a column the source does not have is added to the destination table */
            add_column?: {
                /** @description `schema.table` or `table` (source names, case-sensitive); may be left out when the connection has one table */
                table?: string;
                name: string;
                /** @enum {string} */
                type: "boolean" | "int" | "long" | "float" | "decimal" | "string" | "date" | "time" | "timestamp" | "timestamptz" | "json" | "binary" | "uuid" | "array";
            };
            /** @description Widens the destination column along the type hierarchy (never narrows) */
            widen?: {
                /** @description `schema.table` or `table` (source names, case-sensitive); may be left out when the connection has one table */
                table?: string;
                column: string;
                /** @enum {string} */
                type: "boolean" | "int" | "long" | "float" | "decimal" | "string" | "date" | "time" | "timestamp" | "timestamptz" | "json" | "binary" | "uuid" | "array";
            };
            /** @description Renames the destination column (its values kept) */
            rename?: {
                /** @description `schema.table` or `table` (source names, case-sensitive); may be left out when the connection has one table */
                table?: string;
                from: string;
                to: string;
            };
        };
        DropColumnsRequest: {
            schemas: {
                [key: string]: {
                    tables: {
                        [key: string]: {
                            columns: string[];
                        };
                    };
                };
            };
        };
        StandardConfig: {
            enable_new_by_default: boolean;
            /** @enum {string} */
            schema_change_handling: "ALLOW_ALL" | "ALLOW_COLUMNS" | "BLOCK_ALL";
            /** @description Column types never change on their own: widenings are held (see schema history) */
            is_type_locked?: boolean;
            /** @description Absent until the source's schema was discovered (first sync or reload) */
            schemas?: {
                [key: string]: components["schemas"]["SchemaConfig"];
            };
        };
        SchemaConfig: {
            name_in_destination: string;
            enabled: boolean;
            tables: {
                [key: string]: components["schemas"]["TableConfig"];
            };
        };
        TableConfig: {
            name_in_destination: string;
            enabled: boolean;
            /** @enum {string} */
            sync_mode?: "SOFT_DELETE" | "HISTORY" | "LIVE";
            supports_columns_config: boolean;
            supports_history_mode: boolean;
            enabled_patch_settings: {
                allowed: boolean;
                /** @enum {string} */
                reason_code?: "SYSTEM_TABLE" | "SYSTEM_COLUMN" | "DELETED" | "OTHER";
                reason?: string;
            };
            /** @description Only columns the user configured; the full list is at …/columns */
            columns: {
                [key: string]: components["schemas"]["ColumnConfig"];
            };
            transform?: Omit<components["schemas"]["Transform"], "type"> & unknown;
            /** @description Extension: the columns the transform writes to the destination, with their types */
            transformed_columns?: {
                name: string;
                type: string;
            }[];
            /** @description Extension: why the transform cannot run on this table as discovered (the table is skipped) */
            transform_error?: string;
        };
        ColumnConfig: {
            name_in_destination: string;
            enabled: boolean;
            hashed: boolean;
            is_primary_key?: boolean;
            enabled_patch_settings: {
                allowed: boolean;
                /** @enum {string} */
                reason_code?: "SYSTEM_TABLE" | "SYSTEM_COLUMN" | "DELETED" | "OTHER";
                reason?: string;
            };
        };
        CreateStandardConfigRequest: {
            /** @enum {string|null} */
            schema_change_handling?: "ALLOW_ALL" | "ALLOW_COLUMNS" | "BLOCK_ALL" | null;
            is_type_locked?: boolean | null;
            schemas?: {
                [key: string]: components["schemas"]["UpdateSchemaConfigRequest"];
            } | null;
        };
        UpdateSchemaConfigRequest: {
            /** @description false disables every table of the schema; true on a disabled schema enables them */
            enabled?: boolean | null;
            tables?: {
                [key: string]: components["schemas"]["UpdateTableConfigRequest"];
            } | null;
        };
        UpdateTableConfigRequest: {
            enabled?: boolean | null;
            /**
             * @description SOFT_DELETE (default: deleted rows stay, _fivetran_deleted = true), LIVE (deleted rows are removed) or HISTORY (every version kept with _fivetran_start, _fivetran_end, _fivetran_active; tables with a primary key): only modes the group's destination supports (supports_history_mode)
             * @enum {string|null}
             */
            sync_mode?: "SOFT_DELETE" | "HISTORY" | "LIVE" | null;
            /** @description Columns must exist (names are case-sensitive) */
            columns?: {
                [key: string]: components["schemas"]["UpdateColumnConfigRequest"];
            } | null;
            /** @description Extension: this table's transform (wins over the connection's), checked against its columns; null removes it */
            transform?: components["schemas"]["SqlTransform"] | components["schemas"]["FunctionTransform"] | null;
        };
        UpdateColumnConfigRequest: {
            /** @description false keeps the column out of the destination (not for primary-key columns) */
            enabled?: boolean | null;
            /** @description true lands the column as base64(SHA-256(destination salt ‖ value)) text, hashed in the Worker (not for primary-key columns) */
            hashed?: boolean | null;
            /** @description Accepted when it states the column's role; primary keys come from the source */
            is_primary_key?: boolean | null;
        };
        ReloadStandardConfigRequest: {
            /**
             * @description PRESERVE (default) keeps every choice; EXCLUDE disables, INCLUDE enables all tables
             * @enum {string|null}
             */
            exclude_mode?: "PRESERVE" | "EXCLUDE" | "INCLUDE" | null;
        };
        UpdateStandardConfigRequest: {
            /**
             * @description What a later discovery does with what is new: ALLOW_ALL syncs new schemas, tables and columns; ALLOW_COLUMNS syncs new columns only (new schemas and tables are added disabled); BLOCK_ALL adds all of them disabled and holds widenings
             * @enum {string|null}
             */
            schema_change_handling?: "ALLOW_ALL" | "ALLOW_COLUMNS" | "BLOCK_ALL" | null;
            /** @description true holds every widening of a column's type until it is applied by hand */
            is_type_locked?: boolean | null;
            schemas?: {
                [key: string]: components["schemas"]["UpdateSchemaConfigRequest"];
            } | null;
        };
        TableColumnsConfig: {
            columns: {
                [key: string]: components["schemas"]["ColumnConfig"];
            };
        };
        /** @description One of `{type: "url"}`, `{type: "queue", queue}` (one of the Worker's trigger queues) or `{type: "after", connection_id}` */
        NewConnectionTriggerRequest: {
            /** @enum {string} */
            type: "url";
        } | {
            /** @enum {string} */
            type: "queue";
            queue: string;
        } | {
            /** @enum {string} */
            type: "after";
            connection_id: string;
        };
        ConnectorType: {
            /**
             * @description The service id, as in a connection's `service`
             * @example postgres
             */
            id: string;
            /** @example PostgreSQL */
            name: string;
            /**
             * @description Fivetran's connector type: Database, API, Marketing, …
             * @example Database
             */
            type: string;
            description: string;
            icon_url: string | null;
            icons: string[];
            link_to_docs: string;
            link_to_erd: string | null;
            /** @enum {string} */
            connector_class: "standard" | "lite";
            /** @enum {string} */
            service_status: "general_availability" | "beta" | "private_preview" | "sunset" | "development";
            /**
             * @description A date, YYYY-MM-DD
             * @example 2026-11-25
             */
            service_status_updated_at: string;
            supported_features: {
                /** @example CAPTURE_DELETES */
                id: string;
                notes: string | null;
            }[];
        };
        ConnectorTypeDetails: {
            /**
             * @description The service id, as in a connection's `service`
             * @example postgres
             */
            id: string;
            /** @example PostgreSQL */
            name: string;
            /**
             * @description Fivetran's connector type: Database, API, Marketing, …
             * @example Database
             */
            type: string;
            description: string;
            icon_url: string | null;
            icons: string[];
            link_to_docs: string;
            link_to_erd: string | null;
            /** @enum {string} */
            connector_class: "standard" | "lite";
            /** @enum {string} */
            service_status: "general_availability" | "beta" | "private_preview" | "sunset" | "development";
            /**
             * @description A date, YYYY-MM-DD
             * @example 2026-11-25
             */
            service_status_updated_at: string;
            supported_features: {
                /** @example CAPTURE_DELETES */
                id: string;
                notes: string | null;
            }[];
            config: components["schemas"]["ConnectorConfigProperty"];
            auth: components["schemas"]["ConnectorConfigProperty"];
            external_secrets_keys_config: {
                [key: string]: unknown;
            };
        };
        ConnectorConfigProperty: {
            /** @example object */
            type?: string;
            title?: string;
            description?: string;
            readonly: boolean;
            /** @example password */
            format?: string;
            default?: unknown;
            enum?: string[];
            minimum?: number;
            maximum?: number;
            minLength?: number;
            maxLength?: number;
            pattern?: string;
            /** @description The node of each element */
            items?: {
                [key: string]: unknown;
            };
            /** @description Nodes by field name */
            properties?: {
                [key: string]: unknown;
            };
            required?: string[];
        };
        LogService: {
            id: string;
            service: string;
            enabled: boolean;
            config: {
                [key: string]: unknown;
            };
        };
        SecretsManager: {
            id: string;
            /** @enum {string} */
            type: "AWS_SECRET_MANAGER" | "AZURE_KEY_VAULT" | "HASHICORP_VAULT";
            name: string;
            is_hybrid_deployment: boolean;
            /** @example 2024-12-01T15:43:29.013729Z */
            created_at: string;
            /** @example 2024-12-01T15:43:29.013729Z */
            updated_at: string;
        };
        SecretsManagerEntityItem: {
            id: string;
            /** @example SOURCE */
            type: string;
            name: string;
            enabled: boolean;
            secret_manager_id: string;
            /** @example 2024-12-01T15:43:29.013729Z */
            created_at: string;
        };
        ConnectorSdkPackage: {
            id: string;
            connection_id: string | null;
            created_by: string;
            last_updated_by: string;
            /** @example 2024-12-01T15:43:29.013729Z */
            created_at: string;
            /** @example 2024-12-01T15:43:29.013729Z */
            updated_at: string;
            file_sha256_hash: string;
        };
        TransformationPackageMetadata: {
            id: string;
            name: string;
            version: string;
            connector_types: string[];
            output_model_names: string[];
            configurable_variables: {
                [key: string]: unknown;
            };
        };
        Role: {
            /** @example Account Administrator */
            name: string;
            description: string;
            is_custom: boolean;
            scope: ("ACCOUNT" | "DESTINATION" | "CONNECTOR" | "TEAM")[];
            is_deprecated: boolean;
            /** @example Manage Destination */
            replacement_role_name: string | null;
        };
        PrivateLink: {
            id: string;
            name: string;
            /** @example GCP_US_EAST4 */
            region: string;
            /** @example SOURCE_GCP */
            service: string;
            account_id: string;
            cloud_provider: string;
            state: string;
            state_summary: string | null;
            /** @example 2024-12-01T15:43:29.013729Z */
            created_at: string;
            created_by: string;
            host: string | null;
            config: {
                [key: string]: unknown;
            };
        };
        ProxyAgent: {
            id: string;
            account_id: string;
            /** @example 2024-12-01T15:43:29.013729Z */
            registered_at: string | null;
            /** @example GCP_US_EAST4 */
            region: string;
            created_by: string;
            display_name: string;
            version: string | null;
            /** @example CONNECTED */
            status: string | null;
            connector_count: number;
            destination_count: number;
        };
        HybridDeploymentAgent: {
            id: string;
            display_name: string;
            group_id: string;
            /** @example 2024-12-01T15:43:29.013729Z */
            registered_at: string | null;
            usage: {
                schema: string;
                service: string;
            }[];
        };
        Transformation: {
            id: string;
            /** @enum {string} */
            type: "DBT_CORE" | "QUICKSTART";
            status: string;
            paused: boolean;
            /** @example 2024-12-01T15:43:29.013729Z */
            created_at: string;
            created_by_id: string;
        };
        TransformationProject: {
            id: string;
            /** @example DBT_GIT */
            type: string;
            group_id: string;
            /** @example 2024-12-01T15:43:29.013729Z */
            created_at: string;
            created_by_id: string;
        };
        AccountInfo: {
            account_id: string;
            account_name: string;
            /** @description The key's user; absent for a system key */
            user_id?: string;
            /** @description Set when the key is a system key */
            system_key_id?: string;
        };
        User: {
            /** @example recoup_befell */
            id: string;
            /** @example john@mycompany.com */
            email: string;
            /** @example John */
            given_name: string;
            /** @example White */
            family_name: string;
            /** @description false until one of the user's API keys authenticated */
            verified: boolean;
            /** @description true from the invitation until one of the user's keys authenticated */
            invited: boolean;
            picture: string | null;
            phone: string | null;
            /**
             * @description The account role; null when removed
             * @example Account Administrator
             */
            role: string | null;
            active: boolean;
            /**
             * @description When one of the user's API keys last authenticated
             * @example 2024-12-01T15:43:29.013729Z
             */
            logged_in_at: string | null;
            /** @example 2024-12-01T15:43:29.013729Z */
            created_at: string;
        };
        NewUserRequest: {
            /** @example john@mycompany.com */
            email: string;
            /** @example John */
            given_name: string;
            /** @example White */
            family_name: string;
            /** @example +123456789 */
            phone?: string | null;
            /** @example https://myPicturecom */
            picture?: string | null;
            /**
             * @description An account role; none by default
             * @example Account Reviewer
             */
            role?: string | null;
        };
        UpdateUserRequest: {
            /** @example John */
            given_name?: string | null;
            /** @example White */
            family_name?: string | null;
            /** @description null clears it */
            phone?: string | null;
            /** @description null clears it */
            picture?: string | null;
            /** @example Account Administrator */
            role?: string | null;
        };
        AddUserToGroupRequest: {
            /** @example john@mycompany.com */
            email: string;
            /** @example Destination Administrator */
            role: string;
        };
        Membership: {
            /**
             * @description The group's or connection's id
             * @example projected_sickle
             */
            id: string;
            /** @example Manage Destination */
            role: string;
            /** @example 2024-12-01T15:43:29.013729Z */
            created_at: string;
        };
        NewMembershipRequest: {
            /**
             * @description The group's or connection's id
             * @example projected_sickle
             */
            id: string;
            /** @example Manage Destination */
            role: string;
        };
        UpdateMembershipRequest: {
            /** @example View Destination */
            role: string;
        };
        Team: {
            /** @example dependent_deserve */
            id: string;
            /** @example Finance Team */
            name: string;
            /** @example Finance Team Description */
            description: string | null;
            /**
             * @description The team's account role
             * @example Account Reviewer
             */
            role: string | null;
        };
        NewTeamRequest: {
            /** @example Finance Team */
            name: string;
            description?: string | null;
            /** @example Account Reviewer */
            role?: string | null;
        };
        UpdateTeamRequest: {
            name?: string | null;
            description?: string | null;
            role?: string | null;
        };
        TeamMembership: {
            /** @example recoup_befell */
            user_id: string;
            /** @example Team Member */
            role: string;
            /** @example 2024-12-01T15:43:29.013729Z */
            created_at: string;
        };
        AddUserToTeamRequest: {
            user_id: string;
            /** @example Team Member */
            role: string;
        };
        UpdateTeamUserRequest: {
            /** @example Team Manager */
            role: string;
        };
        SystemKey: {
            /** @example sod_determine */
            id: string;
            /** @example prod_key */
            name: string;
            /** @description The key half of the Basic credentials */
            key: string;
            /** @description Only in the answers of create and rotate: it is never shown again */
            secret?: string;
            permissions: components["schemas"]["SystemKeyPermissionResponse"][];
            /** @example 2023-11-10T19:32:58.646000Z */
            created_at: string;
            /** @example 2023-11-10T19:32:58.646000Z */
            updated_at: string | null;
            /**
             * @description null: the key does not expire
             * @example 2023-11-10T19:32:58.646000Z
             */
            expired_at: string | null;
            /** @example 2023-11-10T19:32:58.646000Z */
            last_used_at: string | null;
        };
        SystemKeyPermissionResponse: {
            /** @example CONNECTOR */
            resource_type: string;
            /** @example MANAGE */
            access_level: string;
            resource_filter?: components["schemas"]["SystemKeyPermissionResourceFilter"];
        };
        SystemKeyPermissionResourceFilter: {
            /** @description Connection or destination ids */
            ids?: string[];
            /** @description Group ids */
            group_ids?: string[];
        };
        NewSystemKeyRequest: {
            /** @example prod_key */
            name: string;
            /**
             * @description Default INFINITE (no expiry), as keys made in Fivetran's dashboard
             * @example THREE_MONTHS
             * @enum {string|null}
             */
            expiration_period?: "ONE_WEEK" | "ONE_MONTH" | "THREE_MONTHS" | "SIX_MONTHS" | "INFINITE" | null;
            permissions?: components["schemas"]["SystemKeyPermissionRequest"][] | null;
        };
        SystemKeyPermissionRequest: {
            /**
             * @example CONNECTOR
             * @enum {string}
             */
            resource_type: "ACCOUNT" | "USER" | "WEBHOOK" | "TEAM" | "ROLES" | "DESTINATION" | "TRANSFORMATION" | "REMOTE_EXECUTION_AGENT" | "CONNECTOR" | "PRIVATE_LINK" | "PROXY";
            /**
             * @example MANAGE
             * @enum {string}
             */
            access_level: "NONE" | "READ" | "MANAGE";
            resource_filter?: components["schemas"]["SystemKeyPermissionResourceFilter"] & (Record<string, never> | null);
        };
        UpdateSystemKeyRequest: {
            /** @example prod_key */
            name?: string | null;
            /** @description Replaces every rule of the key */
            permissions?: components["schemas"]["SystemKeyPermissionRequest"][] | null;
        };
        RotateSystemKeyRequest: {
            /**
             * @description The new expiry counts from now; default the key's own period
             * @example THREE_MONTHS
             * @enum {string|null}
             */
            expiration_period?: "ONE_WEEK" | "ONE_MONTH" | "THREE_MONTHS" | "SIX_MONTHS" | "INFINITE" | null;
        };
        Certificate: {
            id: string;
            name: string;
            hash: string;
            type: string;
            sha1: string;
            sha256: string;
            public_key: string;
            /** @example 2024-12-01T15:43:29.013729Z */
            validated_date: string;
            validated_by: string;
        };
        ApproveCertificateRequest: {
            hash: string;
            encoded_cert: string;
        };
        Fingerprint: {
            id: string;
            hash: string;
            public_key: string;
            /** @example 2024-12-01T15:43:29.013729Z */
            validated_date: string;
            validated_by: string;
        };
        ApproveFingerprintRequest: {
            hash: string;
            public_key: string;
        };
        Webhook: {
            /** @example program_quarry */
            id: string;
            /** @enum {string} */
            type: "account" | "group";
            /** @description Group webhooks only */
            group_id?: string;
            /** @example https://example.com/fivetran */
            url: string;
            /**
             * @example [
             *       "sync_start",
             *       "sync_end"
             *     ]
             */
            events: string[];
            active: boolean;
            /**
             * @description Always masked; absent when the webhook has no secret
             * @example ******
             */
            secret?: string;
            /** @example 2024-12-01T15:43:29.013000Z */
            created_at: string;
            created_by: string;
        };
        NewWebhookRequest: {
            /** @example https://example.com/fivetran */
            url: string;
            /**
             * @description Events to deliver: sync_start, sync_end, schema_change, create_connector, edit_connector, pause_connector, resume_connector, delete_connector, force_update_connector, resync_connector, resync_table, connection_successful, connection_failure
             * @example [
             *       "sync_start",
             *       "sync_end"
             *     ]
             */
            events: string[];
            /** @description Default true; an active webhook is pinged first */
            active?: boolean | null;
            /** @description Signs every delivery (X-Fivetran-Signature-256) */
            secret?: string | null;
        };
        UpdateWebhookRequest: {
            url?: string | null;
            /**
             * @description Events to deliver: sync_start, sync_end, schema_change, create_connector, edit_connector, pause_connector, resume_connector, delete_connector, force_update_connector, resync_connector, resync_table, connection_successful, connection_failure
             * @example [
             *       "sync_start",
             *       "sync_end"
             *     ]
             */
            events?: string[] | null;
            active?: boolean | null;
            /** @description `******` leaves the stored secret as it is */
            secret?: string | null;
            /** @description Ping the webhook first; 400 when it does not answer 2xx */
            run_tests?: boolean | null;
        };
        WebhookTestResult: {
            succeed: boolean;
            /** @description The receiver's HTTP status; 0 when it could not be reached */
            status: number;
            message: string;
        };
        WebhookTestRequest: {
            /** @example sync_end */
            event: string;
        };
        WebhookDelivery: {
            /** @description The delivery id, sent as X-Fivetran-Delivery-Id and `delivery_id` */
            id: string;
            event: string;
            /** @description The event's id in /v1/events; null for a test */
            event_id: string | null;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed" | "skipped";
            attempts: number;
            last_status_code: number | null;
            last_error: string | null;
            /** @description The body sent, as signed */
            payload: {
                [key: string]: unknown;
            };
            created_at: string;
            updated_at: string;
        };
        Event: {
            /**
             * @description Increasing; the SSE `id` a stream resumes after
             * @example 42
             */
            id: string;
            /** @enum {string} */
            type: "sync_start" | "sync_end" | "schema_change" | "create_connector" | "edit_connector" | "pause_connector" | "resume_connector" | "delete_connector" | "force_update_connector" | "resync_connector" | "resync_table" | "connection_successful" | "connection_failure";
            /** @example 2024-12-01T15:43:29.013000Z */
            created_at: string;
            group_id: string | null;
            connection_id: string | null;
            /** @example postgres */
            connector_type: string | null;
            /** @example postgres_public */
            connector_name: string | null;
            /** @description The run's id (sync_start, sync_end) */
            sync_id: string | null;
            data: {
                [key: string]: unknown;
            };
        };
        IssuedKey: {
            account_id: string;
            user_id: string;
            api_key: string;
            /** @description Shown once; only its hash is stored */
            api_secret: string;
        };
        KeyInfo: {
            api_key: string;
            user_id: string;
            /**
             * @description What the key may do through the MCP server at /mcp: `read` (default) lists and reads; `write` also creates, changes, syncs, pauses and deletes. The REST API is not narrowed by it.
             * @enum {string}
             */
            mcp_scope: "read" | "write";
            created_at: string;
            rotated_at: string | null;
            revoked_at: string | null;
        };
        BindingGrant: {
            /** @example WAREHOUSE */
            binding: string;
            account_id: string;
            /**
             * @description Prefix of the account's tables (`<namespace>__<schema>__<table>`) and objects (`<namespace>/…`)
             * @example acme
             */
            namespace: string;
            /** @description True for the bootstrap account's own access to a binding it holds no grant of */
            implicit: boolean;
            created_at: string | null;
        };
        UsageRows: {
            /**
             * @description UTC day
             * @example 2026-12-02
             */
            date: string;
            connection_id: string;
            group_id: string;
            /** @description Destination schema */
            schema: string;
            table: string;
            /** @description Distinct primary keys a run inserted, updated or deleted that day, counted once per run (a replayed batch adds nothing) */
            rows_synced: number;
            /** @description Bytes of those rows' values, as the engine sized them */
            bytes_synced: number;
        };
        UsageMar: {
            /** @example 2026-12 */
            month: string;
            connection_id: string;
            group_id: string;
            schema: string;
            table: string;
            /** @description Monthly active rows: distinct primary keys inserted, updated or deleted in the month (exact) */
            mar: number;
            /** @description Of those, keys touched only by the connection's historical sync */
            free_mar: number;
            /** @description Of those, keys an incremental sync or a re-sync touched */
            paid_mar: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    list_all_groups: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Groups retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Group"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    create_group: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewGroupRequest"];
            };
        };
        responses: {
            /** @description Group has been created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Group"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    group_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                groupId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Group details retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Group"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_group: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                groupId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Group has been deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_group: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                groupId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateGroupRequest"];
            };
        };
        responses: {
            /** @description Group has been updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Group"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_all_connections_in_group: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
                /** @description Only the connection with this schema (exact match) */
                schema?: string;
            };
            header?: never;
            path: {
                groupId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Group connections retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Connection"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_all_connectors_in_group: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
                /** @description Only the connection with this schema (exact match) */
                schema?: string;
            };
            header?: never;
            path: {
                groupId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Group connections retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Connection"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_destinations: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Destinations list retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Destination"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    create_destination: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewDestinationRequest"];
            };
        };
        responses: {
            /** @description Destination has been created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["DestinationWithSetupTests"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    destination_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                destinationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Destination details retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Destination"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_destination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                destinationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Destination has been deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_destination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                destinationId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateDestinationRequest"];
            };
        };
        responses: {
            /** @description Destination has been updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["DestinationWithSetupTests"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    run_destination_setup_tests: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                destinationId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RunDestinationSetupTestsRequest"];
            };
        };
        responses: {
            /** @description Setup tests have been completed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["DestinationWithSetupTests"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_connections: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
                /** @description Only connections of this group */
                group_id?: string;
                /** @description Only the connection with this schema (exact match) */
                schema?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connections list retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Connection"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    create_connection: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewConnectionRequest"];
            };
        };
        responses: {
            /** @description Connection has been created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Connection"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connection_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connection details retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Connection"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_connection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connection has been deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_connection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateConnectionRequest"];
            };
        };
        responses: {
            /** @description Connection has been updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Connection"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    run_setup_tests: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RunSetupTestsRequest"];
            };
        };
        responses: {
            /** @description Setup tests have been completed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Connection"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connect_card: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConnectCardRequest"];
            };
        };
        responses: {
            /** @description Connection Connect Card has been created */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["ConnectCardResponse"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    sync_connection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["SyncConnectionRequest"];
            };
        };
        responses: {
            /** @description Sync has been successfully triggered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input, or the connection cannot sync: its source cannot sync yet, its group has no destination, or that destination cannot be written to yet */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    force_sync_connection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Sync has been successfully triggered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input, or the connection cannot sync: its source cannot sync yet, its group has no destination, or that destination cannot be written to yet */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resync_connection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ResyncConnectionRequest"];
            };
        };
        responses: {
            /** @description Sync has been successfully triggered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input, or the connection cannot sync: its source cannot sync yet, its group has no destination, or that destination cannot be written to yet */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resync_tables: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TablesBySchema"];
            };
        };
        responses: {
            /** @description Re-sync has been triggered successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input, or the connection cannot sync: its source cannot sync yet, its group has no destination, or that destination cannot be written to yet */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resync_table: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                /** @description Source schema name (case-sensitive) */
                schemaName: string;
                /** @description Source table name (case-sensitive) */
                tableName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Re-sync has been triggered successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input, or the connection cannot sync: its source cannot sync yet, its group has no destination, or that destination cannot be written to yet */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connection_state: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connection state retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["ConnectionStateResponse"];
                    };
                };
            };
            /** @description Invalid input, or the connection's state is not user-editable (every connector of this server) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_connection_state: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateConnectionStateRequest"];
            };
        };
        responses: {
            /** @description Connection state has been updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["ConnectionStateResponse"];
                    };
                };
            };
            /** @description Invalid input, or the connection's state is not user-editable (every connector of this server) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_connection_runs: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Runs retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Run"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connection_schema_history: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
                change?: "new_schema" | "new_table" | "add_column" | "widen" | "narrow" | "drop_column" | "rename_column" | "primary_key";
                status?: "applied" | "blocked";
                /** @description Source table name (case-sensitive) */
                table?: string;
                run_id?: string;
                /** @description Only entries after this ISO time */
                since?: string;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Schema history retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["SchemaHistoryEntry"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    evolve_connection_schema: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvolveSchemaRequest"];
            };
        };
        responses: {
            /** @description Schema change applied */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["SchemaHistoryEntry"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    drop_connection_columns: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DropColumnsRequest"];
            };
        };
        responses: {
            /** @description Columns dropped */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    drop_connection_column: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                /** @description Source schema name (case-sensitive) */
                schemaName: string;
                /** @description Source table name (case-sensitive) */
                tableName: string;
                /** @description Source column name (case-sensitive) */
                columnName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Column dropped */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_connection_column_config: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                /** @description Source schema name (case-sensitive) */
                schemaName: string;
                /** @description Source table name (case-sensitive) */
                tableName: string;
                /** @description Source column name (case-sensitive) */
                columnName: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateColumnConfigRequest"];
            };
        };
        responses: {
            /** @description Column configuration has been modified */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["StandardConfig"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connection_schema_config: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Schema configuration retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["StandardConfig"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    create_connection_schema_config: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CreateStandardConfigRequest"];
            };
        };
        responses: {
            /** @description Schema configuration has been created */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["StandardConfig"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_connection_schema_config: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateStandardConfigRequest"];
            };
        };
        responses: {
            /** @description Schema configuration has been modified */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["StandardConfig"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reload_connection_schema_config: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ReloadStandardConfigRequest"];
            };
        };
        responses: {
            /** @description Schema configuration has been reloaded */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["StandardConfig"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_connection_database_schema_config: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                /** @description Source schema name (case-sensitive) */
                schemaName: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSchemaConfigRequest"];
            };
        };
        responses: {
            /** @description Database schema configuration has been modified */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["StandardConfig"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_connection_table_config: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                /** @description Source schema name (case-sensitive) */
                schemaName: string;
                /** @description Source table name (case-sensitive) */
                tableName: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTableConfigRequest"];
            };
        };
        responses: {
            /** @description Table configuration has been modified */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["StandardConfig"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connection_column_config: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                /** @description Source schema name (case-sensitive) */
                schemaName: string;
                /** @description Source table name (case-sensitive) */
                tableName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Column configuration retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["TableColumnsConfig"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_connection_triggers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Triggers retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["ConnectionTrigger"][];
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    create_connection_trigger: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewConnectionTriggerRequest"];
            };
        };
        responses: {
            /** @description Trigger has been created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["ConnectionTrigger"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_connection_trigger: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                triggerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Trigger has been deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_connectors: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
                /** @description Only connections of this group */
                group_id?: string;
                /** @description Only the connection with this schema (exact match) */
                schema?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connections list retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Connection"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    create_connector: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewConnectionRequest"];
            };
        };
        responses: {
            /** @description Connection has been created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Connection"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connector_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connection details retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Connection"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_connector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connection has been deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_connector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateConnectionRequest"];
            };
        };
        responses: {
            /** @description Connection has been updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Connection"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    run_connector_setup_tests: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RunSetupTestsRequest"];
            };
        };
        responses: {
            /** @description Setup tests have been completed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Connection"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connector_connect_card: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConnectCardRequest"];
            };
        };
        responses: {
            /** @description Connection Connect Card has been created */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["ConnectCardResponse"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    sync_connector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["SyncConnectionRequest"];
            };
        };
        responses: {
            /** @description Sync has been successfully triggered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input, or the connection cannot sync: its source cannot sync yet, its group has no destination, or that destination cannot be written to yet */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    force_sync_connector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Sync has been successfully triggered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input, or the connection cannot sync: its source cannot sync yet, its group has no destination, or that destination cannot be written to yet */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resync_connector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ResyncConnectionRequest"];
            };
        };
        responses: {
            /** @description Sync has been successfully triggered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input, or the connection cannot sync: its source cannot sync yet, its group has no destination, or that destination cannot be written to yet */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resync_connector_tables: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TablesBySchema"];
            };
        };
        responses: {
            /** @description Re-sync has been triggered successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input, or the connection cannot sync: its source cannot sync yet, its group has no destination, or that destination cannot be written to yet */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    resync_connector_table: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                /** @description Source schema name (case-sensitive) */
                schemaName: string;
                /** @description Source table name (case-sensitive) */
                tableName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Re-sync has been triggered successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input, or the connection cannot sync: its source cannot sync yet, its group has no destination, or that destination cannot be written to yet */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connector_state: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connection state retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["ConnectionStateResponse"];
                    };
                };
            };
            /** @description Invalid input, or the connection's state is not user-editable (every connector of this server) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_connector_state: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateConnectionStateRequest"];
            };
        };
        responses: {
            /** @description Connection state has been updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["ConnectionStateResponse"];
                    };
                };
            };
            /** @description Invalid input, or the connection's state is not user-editable (every connector of this server) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_connector_runs: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Runs retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Run"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connector_schema_history: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
                change?: "new_schema" | "new_table" | "add_column" | "widen" | "narrow" | "drop_column" | "rename_column" | "primary_key";
                status?: "applied" | "blocked";
                /** @description Source table name (case-sensitive) */
                table?: string;
                run_id?: string;
                /** @description Only entries after this ISO time */
                since?: string;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Schema history retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["SchemaHistoryEntry"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    evolve_connector_schema: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvolveSchemaRequest"];
            };
        };
        responses: {
            /** @description Schema change applied */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["SchemaHistoryEntry"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    drop_connector_columns: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DropColumnsRequest"];
            };
        };
        responses: {
            /** @description Columns dropped */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    drop_connector_column: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                /** @description Source schema name (case-sensitive) */
                schemaName: string;
                /** @description Source table name (case-sensitive) */
                tableName: string;
                /** @description Source column name (case-sensitive) */
                columnName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Column dropped */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_connector_column_config: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                /** @description Source schema name (case-sensitive) */
                schemaName: string;
                /** @description Source table name (case-sensitive) */
                tableName: string;
                /** @description Source column name (case-sensitive) */
                columnName: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateColumnConfigRequest"];
            };
        };
        responses: {
            /** @description Column configuration has been modified */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["StandardConfig"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connector_schema_config: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Schema configuration retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["StandardConfig"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    create_connector_schema_config: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CreateStandardConfigRequest"];
            };
        };
        responses: {
            /** @description Schema configuration has been created */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["StandardConfig"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_connector_schema_config: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateStandardConfigRequest"];
            };
        };
        responses: {
            /** @description Schema configuration has been modified */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["StandardConfig"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reload_connector_schema_config: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ReloadStandardConfigRequest"];
            };
        };
        responses: {
            /** @description Schema configuration has been reloaded */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["StandardConfig"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_connector_database_schema_config: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                /** @description Source schema name (case-sensitive) */
                schemaName: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSchemaConfigRequest"];
            };
        };
        responses: {
            /** @description Database schema configuration has been modified */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["StandardConfig"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_connector_table_config: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                /** @description Source schema name (case-sensitive) */
                schemaName: string;
                /** @description Source table name (case-sensitive) */
                tableName: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTableConfigRequest"];
            };
        };
        responses: {
            /** @description Table configuration has been modified */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["StandardConfig"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    connector_column_config: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                /** @description Source schema name (case-sensitive) */
                schemaName: string;
                /** @description Source table name (case-sensitive) */
                tableName: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Column configuration retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["TableColumnsConfig"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_connector_triggers: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Triggers retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["ConnectionTrigger"][];
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    create_connector_trigger: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewConnectionTriggerRequest"];
            };
        };
        responses: {
            /** @description Trigger has been created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["ConnectionTrigger"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_connector_trigger: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                triggerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Trigger has been deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    fire_connection_trigger: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                triggerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Sync has been successfully triggered */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    metadata_connectors: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connectors list retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["ConnectorType"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    metadata_connectors_legacy: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connectors list retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["ConnectorType"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    metadata_connector_config: {
        parameters: {
            query?: {
                /** @description Extension: `destination` for a destination service whose id a source also has (`snowflake`); without it a source comes first */
                kind?: "source" | "destination";
            };
            header?: never;
            path: {
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connector configuration retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["ConnectorTypeDetails"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No connector type with that service id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    metadata_connector_config_legacy: {
        parameters: {
            query?: {
                /** @description Extension: `destination` for a destination service whose id a source also has (`snowflake`); without it a source comes first */
                kind?: "source" | "destination";
            };
            header?: never;
            path: {
                service: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connector configuration retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["ConnectorTypeDetails"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No connector type with that service id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    metadata_connector_schemas_deprecated: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectorId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Metadata API is deprecated */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    metadata_connector_tables_deprecated: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectorId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Metadata API is deprecated */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    metadata_connector_columns_deprecated: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectorId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Metadata API is deprecated */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    metadata_public_connectors: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connector metadata retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["ConnectorType"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_log_services: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description External logging services retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["LogService"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_esms: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Operation performed successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["SecretsManager"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_esm_entities: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Operation performed successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["SecretsManagerEntityItem"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_connector_sdk_packages: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connector SDK packages retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["ConnectorSdkPackage"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    transformation_package_metadata_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
                service?: string;
                name?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Transformation package metadata list retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["TransformationPackageMetadata"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_esm_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                esmId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_esm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                esmId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_esm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                esmId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_esm_entities: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                esmId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_connector_sdk_package: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                packageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_connector_sdk_package: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                packageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    update_connector_sdk_package: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                packageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    download_connector_sdk_package: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                packageId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    transformation_package_metadata_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                packageDefinitionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_private_link_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                privateLinkId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_private_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                privateLinkId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_private_link: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                privateLinkId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_proxy_agent_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_proxy_agent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_proxy_agent_connections: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    regenerate_secrets_proxy_agent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_hybrid_deployment_agent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_hybrid_deployment_agent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    re_auth_hybrid_deployment_agent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    reset_hybrid_deployment_agent_credentials: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                agentId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_account_log_service_details: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_account_log_service: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    update_account_log_service: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    run_setup_tests_account_log_service: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_log_service_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                logId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No log service with that id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_log_service: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                logId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No log service with that id */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    update_log_service: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                logId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    run_setup_tests_log_service: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                logId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    transformation_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                transformationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_transformation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                transformationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    update_transformation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                transformationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    cancel_transformation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                transformationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    run_transformation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                transformationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    upgrade_transformation_package: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                transformationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    transformation_project_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_transformation_project: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_transformation_project: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    test_transformation_project: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                projectId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_all_roles: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Roles list retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Role"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_private_links: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Private links retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["PrivateLink"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_proxy_agent: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Proxy agent retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["ProxyAgent"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_hybrid_deployment_agent_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Hybrid deployment agents retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["HybridDeploymentAgent"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    transformations_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Transformations list retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Transformation"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_all_transformation_projects: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Transformation projects retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["TransformationProject"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_account_info: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Account information retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["AccountInfo"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_all_users: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
                /** @description true: only users allowed to log in; false: only suspended users */
                active?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Users list retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["User"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    create_user: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewUserRequest"];
            };
        };
        responses: {
            /** @description User has been created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["User"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    user_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description User details retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["User"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_user: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description User has been deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_user: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateUserRequest"];
            };
        };
        responses: {
            /** @description User has been updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["User"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_user_membership_in_account: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description User role in account has been removed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_all_users_in_group: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
                /** @description true: only users allowed to log in; false: only suspended users */
                active?: "true" | "false";
            };
            header?: never;
            path: {
                groupId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Group users retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["User"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    add_user_to_group: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                groupId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddUserToGroupRequest"];
            };
        };
        responses: {
            /** @description User has been added to the group */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_user_from_group: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                groupId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description User has been removed from the group */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_user_membership_in_group: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description User memberships in groups retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Membership"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    create_user_membership_in_group: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewMembershipRequest"];
            };
        };
        responses: {
            /** @description Group membership has been created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Membership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_user_membership_in_group: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                groupId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description User membership in group retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Membership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_user_membership_in_group: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                groupId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Group membership has been deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    update_user_membership_in_group: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                groupId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMembershipRequest"];
            };
        };
        responses: {
            /** @description Group membership has been updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Membership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_user_membership_in_connection: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description User memberships in connections retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Membership"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    create_user_membership_in_connection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewMembershipRequest"];
            };
        };
        responses: {
            /** @description Connection membership has been created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Membership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_user_membership_in_connection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description User membership in connection retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Membership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_user_membership_in_connection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connection membership has been deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    update_user_membership_in_connection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMembershipRequest"];
            };
        };
        responses: {
            /** @description Connection membership has been updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Membership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_user_membership_in_connector: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description User memberships in connections retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Membership"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    create_user_membership_in_connector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewMembershipRequest"];
            };
        };
        responses: {
            /** @description Connection membership has been created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Membership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_user_membership_in_connector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description User membership in connection retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Membership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_user_membership_in_connector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connection membership has been deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    update_user_membership_in_connector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                userId: string;
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMembershipRequest"];
            };
        };
        responses: {
            /** @description Connection membership has been updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Membership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_all_teams: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Teams retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Team"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    create_team: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewTeamRequest"];
            };
        };
        responses: {
            /** @description Team has been created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Team"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    team_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Team details retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Team"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_team: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Team has been deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_team: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateTeamRequest"];
            };
        };
        responses: {
            /** @description Team has been updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Team"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_team_membership_in_account: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Team role in account has been removed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_users_in_team: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Team users retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["TeamMembership"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    add_user_to_team: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddUserToTeamRequest"];
            };
        };
        responses: {
            /** @description User has been added to the team */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["TeamMembership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_user_in_team: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Team user details retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["TeamMembership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_user_from_team: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description User has been removed from the team */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    update_user_membership: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                userId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTeamUserRequest"];
            };
        };
        responses: {
            /** @description User role has been updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["TeamMembership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_team_membership_in_group: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Team group memberships retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Membership"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    create_team_membership_in_group: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewMembershipRequest"];
            };
        };
        responses: {
            /** @description Group membership has been created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Membership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_team_membership_in_group: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                groupId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Team group membership retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Membership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_team_membership_in_group: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                groupId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Group membership has been deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    update_team_membership_in_group: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                groupId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMembershipRequest"];
            };
        };
        responses: {
            /** @description Group membership has been updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Membership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_team_membership_in_connection: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Team connection memberships retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Membership"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    create_team_membership_in_connection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewMembershipRequest"];
            };
        };
        responses: {
            /** @description Connection membership has been created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Membership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_team_membership_in_connection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Team connection membership retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Membership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_team_membership_in_connection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connection membership has been deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    update_team_membership_in_connection: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMembershipRequest"];
            };
        };
        responses: {
            /** @description Connection membership has been updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Membership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_team_membership_in_connector: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Team connection memberships retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Membership"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    create_team_membership_in_connector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewMembershipRequest"];
            };
        };
        responses: {
            /** @description Connection membership has been created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Membership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Conflicts with the resource's current state */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_team_membership_in_connector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Team connection membership retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Membership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_team_membership_in_connector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connection membership has been deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    update_team_membership_in_connector: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                teamId: string;
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMembershipRequest"];
            };
        };
        responses: {
            /** @description Connection membership has been updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Membership"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_system_keys: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description System keys retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["SystemKey"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    create_system_key: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewSystemKeyRequest"];
            };
        };
        responses: {
            /** @description System key has been created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["SystemKey"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_system_key_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description System key details retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["SystemKey"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_system_key: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description System key has been deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    update_system_key: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateSystemKeyRequest"];
            };
        };
        responses: {
            /** @description System key has been updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["SystemKey"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    rotate_system_key: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                keyId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RotateSystemKeyRequest"];
            };
        };
        responses: {
            /** @description System key has been rotated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["SystemKey"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    group_ssh_public_key: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                groupId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Group SSH public key retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            /** @example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… fivetran.do */
                            public_key: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    group_service_account: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                groupId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Group service account retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            /** @example g-projected_sickle@acct.service.fivetran.do */
                            service_account: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_connection_certificate: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connection certificates retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Certificate"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    approve_connection_certificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveCertificateRequest"];
            };
        };
        responses: {
            /** @description Certificate approved */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Certificate"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_connection_certificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Certificate details */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Certificate"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such certificate */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revoke_connection_certificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Certificate revoked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such certificate */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_connection_fingerprint: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connection fingerprints retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Fingerprint"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    approve_connection_fingerprint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveFingerprintRequest"];
            };
        };
        responses: {
            /** @description Not available here */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_connection_fingerprint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such fingerprint */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revoke_connection_fingerprint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such fingerprint */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_connector_certificate: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connection certificates retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Certificate"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    approve_connector_certificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveCertificateRequest"];
            };
        };
        responses: {
            /** @description Certificate approved */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Certificate"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_connector_certificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Certificate details */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Certificate"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such certificate */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revoke_connector_certificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Certificate revoked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such certificate */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_connector_fingerprint: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Connection fingerprints retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Fingerprint"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    approve_connector_fingerprint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveFingerprintRequest"];
            };
        };
        responses: {
            /** @description Not available here */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_connector_fingerprint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such fingerprint */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revoke_connector_fingerprint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                connectionId: string;
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such fingerprint */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_destination_certificate: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path: {
                destinationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Destination certificates retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Certificate"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    approve_destination_certificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                destinationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveCertificateRequest"];
            };
        };
        responses: {
            /** @description Certificate approved */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Certificate"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_destination_certificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                destinationId: string;
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Certificate details */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Certificate"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such certificate */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revoke_destination_certificate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                destinationId: string;
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Certificate revoked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such certificate */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_destination_fingerprint: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path: {
                destinationId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Destination fingerprints retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Fingerprint"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    approve_destination_fingerprint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                destinationId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApproveFingerprintRequest"];
            };
        };
        responses: {
            /** @description Not available here */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    get_destination_fingerprint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                destinationId: string;
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such fingerprint */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    revoke_destination_fingerprint: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                destinationId: string;
                hash: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such fingerprint */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_all_webhooks: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Webhooks retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Webhook"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    create_account_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewWebhookRequest"];
            };
        };
        responses: {
            /** @description Account webhook has been created */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Webhook"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    create_group_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                groupId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NewWebhookRequest"];
            };
        };
        responses: {
            /** @description Group webhook has been created */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Webhook"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    webhook_details: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Webhook details retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Webhook"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    delete_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Webhook with id '<id>' has been deleted */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MessageResponse"];
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    modify_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookRequest"];
            };
        };
        responses: {
            /** @description Webhook has been updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["Webhook"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    test_webhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["WebhookTestRequest"];
            };
        };
        responses: {
            /** @description Webhook test completed successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["WebhookTestResult"];
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_webhook_deliveries: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
            };
            header?: never;
            path: {
                webhookId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Webhook deliveries retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["WebhookDelivery"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    stream_events: {
        parameters: {
            query?: {
                /** @description Only events after this event id */
                after?: string;
                /** @description Only events of this group's connections */
                group_id?: string;
                /** @description Only events of this connection */
                connection_id?: string;
            };
            header?: {
                /** @description Resume after this event id (EventSource sends it on reconnect) */
                "last-event-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the request did not send `Accept: text/event-stream` */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_events: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                limit?: number;
                /** @description Only events after this event id */
                after?: string;
                type?: "sync_start" | "sync_end" | "schema_change" | "create_connector" | "edit_connector" | "pause_connector" | "resume_connector" | "delete_connector" | "force_update_connector" | "resync_connector" | "resync_table" | "connection_successful" | "connection_failure";
                /** @description Only events of this group's connections */
                group_id?: string;
                /** @description Only events of this connection */
                connection_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Events retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["Event"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    operator_create_account: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    /** Format: email */
                    email?: string;
                    given_name?: string;
                    family_name?: string;
                };
            };
        };
        responses: {
            /** @description Account has been created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["IssuedKey"];
                    };
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong operator secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Operator API disabled */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    operator_list_keys: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Keys retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["KeyInfo"][];
                        };
                    };
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong operator secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Operator API disabled */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    operator_create_key: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @example recoup_befell */
                    user_id?: string | null;
                    /**
                     * @description What the key may do through the MCP server at /mcp: `read` (default) lists and reads; `write` also creates, changes, syncs, pauses and deletes. The REST API is not narrowed by it.
                     * @enum {string}
                     */
                    mcp_scope?: "read" | "write";
                };
            };
        };
        responses: {
            /** @description Key has been created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["IssuedKey"];
                    };
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong operator secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Operator API disabled */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    operator_revoke_key: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                apiKey: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Key has been revoked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        message: string;
                    };
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong operator secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Operator API disabled */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such live key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    operator_update_key: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                apiKey: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /**
                     * @description What the key may do through the MCP server at /mcp: `read` (default) lists and reads; `write` also creates, changes, syncs, pauses and deletes. The REST API is not narrowed by it.
                     * @enum {string}
                     */
                    mcp_scope: "read" | "write";
                };
            };
        };
        responses: {
            /** @description Key has been updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["KeyInfo"];
                    };
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong operator secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Operator API disabled */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such live key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    operator_rotate_key: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                apiKey: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Key has been rotated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["IssuedKey"];
                    };
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong operator secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Operator API disabled */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such live key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    operator_grant_binding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
                binding: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /**
                     * @description Defaults to the account id made an identifier. Empty: the account's tables and objects are not prefixed (one account per binding at most, the bootstrap account's by default)
                     * @example acme
                     */
                    namespace?: string;
                };
            };
        };
        responses: {
            /** @description Grant has been updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["BindingGrant"];
                    };
                };
            };
            /** @description Binding has been granted */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: components["schemas"]["BindingGrant"];
                    };
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong operator secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Operator API disabled */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Another account holds this namespace in the binding */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description PayloadTooLarge: the body is larger than 2 MiB (FIVETRAN_MAX_BODY_BYTES) */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UnsupportedMediaType: the body is not JSON by its Content-Type */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    operator_revoke_binding: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
                binding: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Grant has been revoked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        code: string;
                        message: string;
                    };
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong operator secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Operator API disabled */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such account or grant */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    operator_list_bindings: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                accountId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Grants retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["BindingGrant"][];
                        };
                    };
                };
            };
            /** @description Invalid input */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or wrong operator secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Operator API disabled */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_usage_rows: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
                /** @description Only this group's connections */
                group_id?: string;
                /** @description Only this connection */
                connection_id?: string;
                /** @description First UTC day included (YYYY-MM-DD) */
                start_date?: string;
                /** @description Last UTC day included (YYYY-MM-DD) */
                end_date?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Usage retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["UsageRows"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    list_usage_mar: {
        parameters: {
            query?: {
                /** @description Opaque cursor from `next_cursor` */
                cursor?: string;
                /** @description Page size, 1..1000 (default 100) */
                limit?: number;
                /** @description Only this group's connections */
                group_id?: string;
                /** @description Only this connection */
                connection_id?: string;
                /** @description First calendar month included (YYYY-MM, UTC) */
                start_month?: string;
                /** @description Last calendar month included (YYYY-MM, UTC) */
                end_month?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Usage retrieved successfully */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @example Success */
                        code: string;
                        message: string;
                        data: {
                            items: components["schemas"]["UsageMar"][];
                            /** @description Absent on the last page */
                            next_cursor?: string;
                        };
                    };
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    export_usage_rows: {
        parameters: {
            query?: {
                /** @description Only this group's connections */
                group_id?: string;
                /** @description Only this connection */
                connection_id?: string;
                /** @description First UTC day included (YYYY-MM-DD) */
                start_date?: string;
                /** @description Last UTC day included (YYYY-MM-DD) */
                end_date?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description date,connection_id,group_id,schema,table,rows_synced,bytes_synced */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
    export_usage_mar: {
        parameters: {
            query?: {
                /** @description Only this group's connections */
                group_id?: string;
                /** @description Only this connection */
                connection_id?: string;
                /** @description First calendar month included (YYYY-MM, UTC) */
                start_month?: string;
                /** @description Last calendar month included (YYYY-MM, UTC) */
                end_month?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description month,connection_id,group_id,schema,table,mar,free_mar,paid_mar */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description Invalid input: the message names the field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description Missing or invalid API key and secret */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description No such resource in this account */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description NotAcceptable: the Accept header names no JSON type */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description UriTooLong: the URL is longer than 16 KiB */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
            /** @description TooManyRequests: too many failed authentications, or one of the account's request limits (FIVETRAN_RATE_LIMIT, FIVETRAN_SETUP_TEST_RATE_LIMIT, FIVETRAN_SOURCE_RATE_LIMIT) */
            429: {
                headers: {
                    /** @description Seconds until a request may succeed again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Error"];
                };
            };
        };
    };
}
