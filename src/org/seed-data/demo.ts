import type { DepartmentInput } from '../departments/model';
import type { Role } from '../auth/model';

/**
 * The demo authority: 示范区, on the region of 浙江省舟山市普陀区 (330903), one of the five seed plans'
 * districts. Its departments are the ones the seed plans name (seeds-gold `departments`), written
 * the district way (区…局), with the other spellings the plans use as aliases.
 */
export const DEMO_TENANT = { name: '示范区', regionCode: '330903' } as const;

export const DEMO_DEPARTMENTS: DepartmentInput[] = (
  [
  { name: '区质量工作领导小组办公室', shortName: '区质量办', kind: 'office', aliases: ['质量兴区领导小组办公室', '区质量强区工作领导小组办公室', '质量强区办'] },
  { name: '区市场监管局', shortName: '市场监管局', kind: 'department', aliases: ['区市场监管分局', '区市场监督管理局', '质监分局', '工商分局', '区质监局', '区工商局', '区食品药监局'] },
  { name: '区发改局', shortName: '发改局', kind: 'department', aliases: ['区发改委', '区发展和改革局', '区发展和改革委员会'] },
  { name: '区经信局', shortName: '经信局', kind: 'department', aliases: ['区经信委', '区经济和信息化局', '区中小企业局'] },
  { name: '区科技局', shortName: '科技局', kind: 'department', aliases: ['区科委', '区科学技术局'] },
  { name: '区农业农村局', shortName: '农业农村局', kind: 'department', aliases: ['区农业局', '区农林局', '区农业农村委'] },
  { name: '区住建局', shortName: '住建局', kind: 'department', aliases: ['区建住局', '区建管委', '区住房和城乡建设局'] },
  { name: '区交通运输局', shortName: '交通局', kind: 'department', aliases: ['区交通局'] },
  { name: '区生态环境分局', shortName: '生态环境分局', kind: 'agency', aliases: ['区生态环境局', '环保分局', '区环保局'] },
  { name: '区资源规划分局', shortName: '资规分局', kind: 'agency', aliases: ['区资规分局', '区自然资源和规划局'] },
  { name: '区商务局', shortName: '商务局', kind: 'department', aliases: ['区商务委', '区商贸局'] },
  { name: '区文广旅体局', shortName: '文广旅体局', kind: 'department', aliases: ['区文旅局', '区旅游局', '区文化和广电旅游体育局'] },
  { name: '区体育局', shortName: '体育局', kind: 'department', aliases: [] },
  { name: '区教育局', shortName: '教育局', kind: 'department', aliases: [] },
  { name: '区民政局', shortName: '民政局', kind: 'department', aliases: [] },
  { name: '区财政局', shortName: '财政局', kind: 'department', aliases: [] },
  { name: '区人力社保局', shortName: '人社局', kind: 'department', aliases: ['区人社局', '区人力资源和社会保障局'] },
  { name: '区卫健局', shortName: '卫健局', kind: 'department', aliases: ['区卫健委', '区卫生局', '区卫生健康局'] },
  { name: '区应急管理局', shortName: '应急局', kind: 'department', aliases: ['区安监局'] },
  { name: '区综合行政执法局', shortName: '综合执法局', kind: 'department', aliases: ['区绿化市容局'] },
  { name: '区海洋与渔业局', shortName: '海洋渔业局', kind: 'department', aliases: [] },
  { name: '区金融办', shortName: '金融办', kind: 'department', aliases: [] },
  { name: '区招商局', shortName: '招商局', kind: 'department', aliases: [] },
  { name: '区房管局', shortName: '房管局', kind: 'department', aliases: [] },
  { name: '区政府办', shortName: '区府办', kind: 'office', aliases: ['区政府办公室'] },
  { name: '区委宣传部', shortName: '宣传部', kind: 'party', aliases: ['区外宣办'] },
  { name: '区司法局', shortName: '司法局', kind: 'department', aliases: [] },
  { name: '区公安分局', shortName: '公安分局', kind: 'agency', aliases: ['公安分局'] },
  { name: '区人民法院', shortName: '区法院', kind: 'judicial', aliases: [] },
  { name: '区人民检察院', shortName: '区检察院', kind: 'judicial', aliases: [] },
  ] satisfies DepartmentInput[]
).map((d, i) => ({ ...d, sortOrder: (i + 1) * 10 }));

/** One shared password for the demo accounts (printed by the server on first start). */
export const DEMO_PASSWORD = 'Zhiliang@2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  /** name of the bound department (role department) */
  department?: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  { username: 'office', displayName: '质量办 王主任', role: 'office' },
  { username: 'dept', displayName: '市场监管局联络员 张科长', role: 'department', department: '区市场监管局' },
  { username: 'inspector', displayName: '执法人员 李队长', role: 'inspector' },
];
