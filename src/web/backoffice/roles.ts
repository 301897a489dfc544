/** A role as the back-office names it: "Sales Manager" for sales_manager. */
export const roleLabel = (role: string): string =>
  ({ administrator: 'Administrator', sales_manager: 'Sales Manager', buyer: 'Buyer' })[role] ?? role;
