import { Router } from 'express';
import { ETOWER_PATHS } from '@bridge/etower/paths';
import { okEnvelope } from '../envelope';
import { rowsKeyOf } from '../faults';
import { inventoryPage, warehouseNameOf } from '../inventory-view';
import type { SimulatorState } from '../state';

// b2b/inventory: a PageHelper page object (1-based pageNum; 0 is read as 1), pageSize capped at maxPageSize.

const toList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String).filter(Boolean) : []);

export function inventoryRouter(state: SimulatorState): Router {
  const router = Router();
  router.post(ETOWER_PATHS.inventory, (req, res) => {
    const q = (req.body ?? {}) as Record<string, unknown>;
    const warehouses = new Set(toList(q.warehouseCodeList));
    const skus = new Set(toList(q.skuList));
    const pageNum = Math.max(1, Math.floor(Number(q.pageNum) || 1));
    const pageSize = Math.min(state.options.maxPageSize, Math.max(1, Math.floor(Number(q.pageSize) || 100)));

    const start = (pageNum - 1) * pageSize;
    const { total, records } = inventoryPage(state, { skus, warehouses }, start, pageSize);
    const pages = Math.ceil(total / pageSize);
    const list = records.map((r) => ({
      sku: r.sku,
      skuNameEn: `Item ${r.sku}`,
      skuNameLocal: '',
      shipperName: 'Sandbox Shipper',
      warehouseInventoryDTOList: r.warehouses.map(({ warehouseCode, q: qty }) => ({
        overseasWarehouseCode: warehouseCode,
        overseasWarehouseName: warehouseNameOf(warehouseCode),
        availableInventory: qty.availableInventory,
        incomingInventory: qty.incomingInventory,
        outgoingInventory: qty.outgoingInventory,
        // eTower prints an empty bucket as "" (reference §2.1).
        unsellableInventory: qty.unsellableInventory === 0 ? '' : qty.unsellableInventory,
      })),
    }));
    res.json(
      okEnvelope({
        pageNum,
        pageSize,
        size: list.length,
        startRow: list.length ? start + 1 : 0,
        endRow: list.length ? start + list.length : 0,
        total,
        pages,
        [rowsKeyOf(res)]: list,
        prePage: pageNum > 1 ? pageNum - 1 : 0,
        nextPage: pageNum < pages ? pageNum + 1 : 0,
        isFirstPage: pageNum === 1,
        isLastPage: pageNum >= pages,
        hasPreviousPage: pageNum > 1,
        hasNextPage: pageNum < pages,
        navigatePages: 8,
        navigatepageNums: [],
        navigateFirstPage: 1,
        navigateLastPage: pages,
      }),
    );
  });
  return router;
}
