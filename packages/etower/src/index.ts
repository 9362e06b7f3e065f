export { createEtowerClient, etowerClientOver, type EtowerClient, type EtowerClientOptions } from './client';
export type { EtowerCallObservation, EtowerLogger, EtowerRequest, EtowerTransport } from './transport';
export type { EtowerSignatureFallback } from './signature-flavour';
export type { EtowerCredentialCheck } from './endpoints/check-credentials';
export { normaliseBaseUrl } from './transport';
export {
  signEtowerRequest,
  verifyEtowerAuthorization,
  etowerStringToSign,
  computeEtowerSignature,
  toUrlSafe,
  flavourMatters,
  ETOWER_DATE_HEADER,
  DEFAULT_MAX_SKEW_MS,
  BASE64_FLAVOURS,
  type Base64Flavour,
  type SignEtowerRequestInput,
  type EtowerSignature,
  type VerifyEtowerAuthorizationInput,
  type EtowerVerification,
} from './signing';
export { ETOWER_PATHS, ETOWER_PREFIX, MAX_IDS_PER_QUERY, MAX_PRODUCTS_PER_CALL } from './paths';

export { EtowerError, type EtowerErrorKind } from './errors/etower-error';
export { EtowerNetworkError } from './errors/network-error';
export { EtowerAnswerTooLargeError } from './errors/answer-too-large-error';
export { EtowerTimeoutError } from './errors/timeout-error';
export { EtowerAbortedError } from './errors/aborted-error';
export { EtowerHttpError, isRetryableStatus } from './errors/http-error';
export { EtowerAuthError } from './errors/auth-error';
export { EtowerMalformedResponseError } from './errors/malformed-response-error';
export { EtowerUnexpectedAnswerError } from './errors/unexpected-answer-error';
export {
  EtowerBusinessError,
  DUPLICATE_CODES,
  isDuplicateRefusal,
  describeRefusal,
  type EtowerErrorItem,
} from './errors/business-error';
export { classifyEtowerFailure, type EtowerFailureClassification } from './errors/classify';
export { parseRetryAfter } from './errors/retry-after';

export { decodeEnvelope, unwrapEnvelope, type EtowerEnvelope } from './envelope';
export type { EtowerWarehouse, EtowerWarehouseService } from './decoders/warehouses';
export type { EtowerOrder, EtowerOrderPackingLine } from './decoders/orders';
export type { EtowerInventoryPage, EtowerInventoryRecord, EtowerWarehouseInventory } from './decoders/inventory';
export type { EtowerPo, EtowerPoLine } from './decoders/po';
export { warehouseListSchema } from './decoders/warehouses';
export { orderListSchema } from './decoders/orders';
export { inventoryPageSchema, decodeInventoryPage, assertInventoryLayout } from './decoders/inventory';
export { poListSchema } from './decoders/po';

export type { EtowerCreateOrderResult } from './endpoints/create-orders';
export type { EtowerConfirmResult } from './endpoints/confirm-orders';
export type { EtowerIdQuery } from './endpoints/order-list';
export type { EtowerInventoryQuery } from './endpoints/inventory';
export type { EtowerProductResult } from './endpoints/create-products';
export { poRequestBody, type EtowerPoCreated } from './endpoints/create-po';

export type {
  EtowerCreateOrderInput,
  EtowerConsignee,
  EtowerParcel,
  EtowerOrderItem,
  EtowerAttachment,
} from './types/create-order';
export type { EtowerProductInput, EtowerCountryInformationItem } from './types/product';
export {
  PO_CONTAINER_KEYS,
  type PoContainerKeys,
  type EtowerPoInput,
  type EtowerPoBoxInput,
  type EtowerPoLineInput,
} from './types/po';
