// Status vocabularies from the seed. Qianyi maps our wmsStatus text through these.

/** getOrder.status and pushOrderInfo.status (seed §7, §12.1). */
export const ORDER_STATUSES = ['SENDING', 'SUCCESS', 'CANCEL', 'FAILED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** getAsnList.wmsStatus (seed §9.2). */
export const ASN_STATUSES = ['NEW', 'DELETED', 'SHIPPING', 'RECEIVING', 'FINISHED', 'CLOSED'] as const;
export type AsnStatus = (typeof ASN_STATUSES)[number];

/** pushAsnInfo.wmsStatus (seed §13): a narrower set than getAsnList's. */
export const ASN_PUSH_STATUSES = ['FINISHED', 'CLOSED', 'SHIPPING', 'RECEIVING'] as const;
export type AsnPushStatus = (typeof ASN_PUSH_STATUSES)[number];
