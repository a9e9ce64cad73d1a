/** Areas of a tenant and their boundaries (data access in areas.repo.ts). */
export { areaDetail, areaExists, areaGeometry, levelCondition, listAreas } from './areas.repo';
