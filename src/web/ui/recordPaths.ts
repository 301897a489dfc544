// Where orders, RFQs and quotes live in both apps (and in the storefront's
// API): /orders, /rfqs, /quotes, under /admin in the back-office; and the
// title of each type's list page.
import { recordPaths, type RecordType } from '../../shared/api';

/** The URL segment of each record type (the same in the storefront's API). */
export const recordSegment: Record<RecordType, string> = recordPaths;

/** The title of each type's list page (and the breadcrumb back to it). */
export const recordListTitle: Record<RecordType, string> = { order: 'Orders', rfq: 'Requests for Quote', quote: 'Quotes' };

/** The record type a URL segment names ("orders": order), if it names one. */
export function recordTypeAt(segment: string): RecordType | undefined {
  return (Object.keys(recordSegment) as RecordType[]).find((type) => recordSegment[type] === segment);
}

/** The record pages of an app served at `base` ('' for the storefront, '/admin' for the back-office). */
export function recordPathsUnder(base: string) {
  return {
    /** "/admin/orders" */
    list: (type: RecordType) => `${base}/${recordSegment[type]}`,
    /** "/admin/orders/7" */
    page: (type: RecordType, id: number) => `${base}/${recordSegment[type]}/${id}`,
  };
}
