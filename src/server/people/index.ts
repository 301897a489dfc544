// The people: customers (buying companies, in a tree), customer users and
// back-office users; who may see what follows from them (visibility.ts).
export {
  descendantCustomerIds,
  salesRepFor,
  findCustomerUser,
  findBackofficeUser,
  findCustomerUserByEmail,
  findBackofficeUserByEmail,
  insertBackofficeUser,
  insertCustomer,
  insertCustomerUser,
  hasCustomers,
} from './people.repo';
export { customerUserName, personName, initialsOf } from './people.present';
export { visibilityOf, canSee, type Visibility } from './visibility';
export { peopleCommands } from './people.service';
export { peopleRoutes } from './people.routes';
export { peopleMigrations } from './people.migrations';
