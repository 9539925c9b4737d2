// Request and response schemas of the region routes. The web imports its types from here.
import { z } from 'zod';

export const RegionCode = z
  .string()
  .trim()
  .regex(/^[0-9]{6}([0-9]{3})?$/, { message: '应为 6 位（或乡级 9 位）数字' })
  .meta({ title: '行政区划代码', example: '330903' });

export const Region = z
  .object({
    code: z.string(),
    name: z.string(),
    /** 1 省 · 2 市 · 3 县区 · 4 乡镇街道 */
    level: z.number().int(),
    parentCode: z.string().nullable(),
    fullName: z.string(),
    /** In the authority's list: when it was added. */
    addedAt: z.string().optional(),
  })
  .meta({ id: 'Region', title: '行政区划' });
export type Region = z.infer<typeof Region>;

export const RegionListResponse = z.object({ items: z.array(Region) }).meta({ id: 'RegionList' });
export type RegionListResponse = z.infer<typeof RegionListResponse>;

export const AddRegionBody = z.object({ code: RegionCode }).meta({ id: 'AddRegionBody' });
export type AddRegionBody = z.infer<typeof AddRegionBody>;

export const RegionCodeParams = z.object({ code: RegionCode });

export const RegionResponse = z.object({ region: Region }).meta({ id: 'RegionResponse' });
export type RegionResponse = z.infer<typeof RegionResponse>;

export const RegionSearchQuery = z.object({
  q: z.string().trim().min(1).max(50).meta({ title: '搜索词', description: '名称或代码的一部分' }),
  limit: z.coerce.number().int().min(1).max(100).default(20).meta({ title: '条数上限' }),
});
export type RegionSearchQuery = z.infer<typeof RegionSearchQuery>;
