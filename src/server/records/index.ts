// Orders, RFQs and quotes: Parley's light copy of the store's commerce records.
export { findRecord, insertRecord } from './records.repo';
export { getVisibleRecord, listVisibleRecords, presentRecord, recordsCommands, removeRecord } from './records.service';
export { listSyncRecords, recordOf, syncRecord, upsertRecord } from './records.sync';
export { storefrontRecordRoutes, backofficeRecordRoutes } from './records.routes';
export { recordsMigrations } from './records.migrations';
