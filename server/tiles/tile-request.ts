// What a dynamic tile request must be, for the Hono route and the fast path in front of it alike.
import { z } from 'zod';
import { DYNAMIC_LAYERS } from '../../common/api';
import { DYNAMIC_MAX_ZOOM } from './dynamic-tiles';

export const tileRequest = z
  .object({
    layer: z.enum(DYNAMIC_LAYERS),
    z: z.coerce.number().int().min(0).max(DYNAMIC_MAX_ZOOM),
    x: z.coerce.number().int().min(0),
    y: z.string().regex(/^\d+\.mvt$/, 'y 须为 <数字>.mvt / y must be <number>.mvt').transform((s) => parseInt(s, 10)),
  })
  .refine((p) => p.x < 2 ** p.z && p.y < 2 ** p.z, { message: '瓦片坐标超出范围 / tile coordinates out of range' });
