export { visibilityOf, canSee, type Visibility } from './visibility';
