import { confirmOrders, type EtowerConfirmResult } from './endpoints/confirm-orders';
import { createOrders, type EtowerCreateOrderResult } from './endpoints/create-orders';
import { createPo, type EtowerPoCreated } from './endpoints/create-po';
import { createProducts, type EtowerProductResult } from './endpoints/create-products';
import { inventory, type EtowerInventoryQuery } from './endpoints/inventory';
import { orderList, type EtowerIdQuery } from './endpoints/order-list';
import { poList } from './endpoints/po-list';
import { warehouseServiceList } from './endpoints/warehouse-service-list';
import type { EtowerInventoryPage } from './decoders/inventory';
import type { EtowerOrder } from './decoders/orders';
import type { EtowerPo } from './decoders/po';
import type { EtowerWarehouse } from './decoders/warehouses';
import { checkCredentials, type EtowerCredentialCheck } from './endpoints/check-credentials';
import type { EtowerSignatureFallback } from './signature-flavour';
import type { Base64Flavour } from './signing';
import {
  createEtowerTransport,
  type EtowerCallObservation,
  type EtowerLogger,
  type EtowerRequest,
  type EtowerTransport,
} from './transport';
import type { EtowerCreateOrderInput } from './types/create-order';
import type { EtowerPoInput } from './types/po';
import type { EtowerProductInput } from './types/product';

export interface EtowerClientOptions {
  /** eTower host, e.g. `https://cfs-qa.etowertech.com` (a trailing `/api/supplier-service` is tolerated). */
  baseUrl: string;
  token: string;
  key: string;
  /** Whole-request timeout; default 30 s. */
  timeoutMs?: number;
  /** Clock used for X-WallTech-Date (tests inject skew). */
  now?: () => Date;
  logger?: EtowerLogger;
  /** Called after every HTTP exchange (metrics). */
  observe?: (call: EtowerCallObservation) => void;
  /** Sign in this Base64 flavour only; by default standard, learning URL-safe from eTower's 401s (signature-flavour.ts). */
  signatureFlavour?: Base64Flavour;
  /** Called when a 401 made the client try URL-safe Base64, with the outcome (metrics). */
  onSignatureFallback?: (event: EtowerSignatureFallback) => void;
}

/**
 * Typed access to eTower's supplier-service API. Every method either resolves with decoded data or throws
 * an EtowerError subclass (see classifyEtowerFailure); caller bugs (too many ids) throw TypeError. It never
 * retries: the job queue does, with the classification.
 */
export interface EtowerClient {
  warehouseServiceList(serviceType?: number): Promise<EtowerWarehouse[]>;
  createOrders(orders: EtowerCreateOrderInput[]): Promise<EtowerCreateOrderResult[]>;
  confirmOrders(orderNos: string[]): Promise<EtowerConfirmResult>;
  orderList(q: EtowerIdQuery): Promise<EtowerOrder[]>;
  inventory(q: EtowerInventoryQuery): Promise<EtowerInventoryPage>;
  createProducts(products: EtowerProductInput[]): Promise<EtowerProductResult[]>;
  createPo(po: EtowerPoInput): Promise<EtowerPoCreated>;
  poList(q: EtowerIdQuery): Promise<EtowerPo[]>;
  /** Read-only: whether eTower accepts the credentials, in which Base64 flavour, and its warehouses. */
  checkCredentials(): Promise<EtowerCredentialCheck>;
  /** The Base64 flavour eTower is known to accept, or undefined until an answer has told. */
  signatureFlavour(): Base64Flavour | undefined;
  /**
   * This client (same connections, same learnt flavour) with every call abandoned when `signal` aborts: a call
   * in flight or made after it rejects with EtowerAbortedError. A job hands its deadline to the calls it makes.
   */
  withSignal(signal: AbortSignal): EtowerClient;
  /** Releases the keep-alive sockets (shared with every withSignal view). */
  close(): void;
}

export function createEtowerClient(options: EtowerClientOptions): EtowerClient {
  const transport = createEtowerTransport({
    baseUrl: options.baseUrl,
    token: options.token,
    key: options.key,
    timeoutMs: options.timeoutMs ?? 30_000,
    now: options.now ?? (() => new Date()),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.observe ? { observe: options.observe } : {}),
    ...(options.signatureFlavour ? { signatureFlavour: options.signatureFlavour } : {}),
    ...(options.onSignatureFallback ? { onSignatureFallback: options.onSignatureFallback } : {}),
  });
  return etowerClientOver(transport);
}

/** The client's endpoints over any transport: the HTTP one above, or an in-process one in use-case tests, so
 *  that eTower's answer layouts go through the real decoders. */
export function etowerClientOver(transport: EtowerTransport): EtowerClient {
  return {
    warehouseServiceList: (serviceType = 5) => warehouseServiceList(transport, serviceType),
    createOrders: (orders) => createOrders(transport, orders),
    confirmOrders: (orderNos) => confirmOrders(transport, orderNos),
    orderList: (q) => orderList(transport, q),
    inventory: (q) => inventory(transport, q),
    createProducts: (products) => createProducts(transport, products),
    createPo: (po) => createPo(transport, po),
    poList: (q) => poList(transport, q),
    checkCredentials: () => checkCredentials(transport),
    signatureFlavour: () => transport.signatureFlavour(),
    withSignal: (signal) => etowerClientOver(abandonedOn(transport, signal)),
    close: () => transport.close(),
  };
}

function abandonedOn(transport: EtowerTransport, signal: AbortSignal): EtowerTransport {
  const bound = (request: EtowerRequest): EtowerRequest => ({
    ...request,
    signal: request.signal ? AbortSignal.any([request.signal, signal]) : signal,
  });
  return {
    send: (request) => transport.send(bound(request)),
    detectFlavour: (request) => transport.detectFlavour(bound(request)),
    signatureFlavour: () => transport.signatureFlavour(),
    close: () => transport.close(),
  };
}
