export { findRecord } from './records.repo';
export { getVisibleRecord, listVisibleRecords, deleteRecord, presentRecord } from './records.service';
export { storefrontRecordRoutes, backofficeRecordRoutes } from './records.routes';
