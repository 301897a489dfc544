export { descendantCustomerIds, salesRepFor, findCustomerUser, findBackofficeUser } from './customers.repo';
export { customerUserName, personName } from './customers.present';
export * as customers from './customers.service';
export { customersRoutes } from './customers.routes';
