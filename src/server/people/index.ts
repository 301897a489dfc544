// The people: customers (buying companies, in a tree), customer users and
// back-office users; who may see what follows from them (visibility.ts).
export {
  descendantCustomerIds,
  customerTreeIds,
  salesRepFor,
  findCustomerUser,
  findBackofficeUser,
  findCustomerUserByEmail,
  findBackofficeUserByEmail,
  insertBackofficeUser,
  insertCustomer,
  insertCustomerUser,
  hasCustomers,
  listStaff,
  findStaff,
  findStaffByEmail,
  updateStaff,
  setPasswordHash,
  passwordHashOf,
  type StaffRow,
} from './people.repo';
export { customerUserName, personName, initialsOf } from './people.present';
export { visibilityOf, canSee, type Visibility } from './visibility';
export { emitDeactivated, peopleCommands, removeCustomerUser } from './people.service';
export {
  activeBackofficeUser,
  customerUserOf,
  listSyncBackofficeUsers,
  listSyncCustomers,
  listSyncCustomerUsers,
  syncBackofficeUser,
  syncCustomer,
  syncCustomerUser,
  upsertBackofficeUser,
  upsertCustomer,
  upsertCustomerUser,
  type SyncListInput,
  type Upserted,
} from './people.sync';
export { peopleRoutes } from './people.routes';
export { peopleMigrations } from './people.migrations';
// the storefront's colleagues (conversations/participants.service.ts)
export { listCustomerUsersOf } from './people.service';
