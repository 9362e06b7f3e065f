import { Router } from 'express';
import { ETOWER_PATHS } from '@bridge/etower/paths';
import { okEnvelope } from '../envelope';
import { SEED_WAREHOUSES } from '../seed';

/** warehouseServiceList: the seed, filtered by serviceType when given; warehouses with no match are left out. */
export function catalogRouter(): Router {
  const router = Router();
  router.get(ETOWER_PATHS.warehouseServiceList, (req, res) => {
    const raw = req.query.serviceType;
    const serviceType = typeof raw === 'string' && raw !== '' ? Number(raw) : undefined;
    const data = SEED_WAREHOUSES.map((w) => ({
      warehouseCode: w.warehouseCode,
      warehouseName: w.warehouseName,
      countryCode: w.countryCode,
      serviceList: w.services
        .filter((s) => serviceType === undefined || s.serviceType === serviceType)
        .map((s) => ({
          serviceCode: s.serviceCode,
          serviceName: s.serviceName,
          serviceType: s.serviceType,
          serviceTypeName: s.serviceType === 5 ? 'Fulfillment' : 'Transshipment',
          active: s.active,
          activeMsg: s.active === 1 ? 'Active' : 'Inactive',
        })),
    })).filter((w) => w.serviceList.length > 0);
    res.json(okEnvelope(data));
  });
  return router;
}
