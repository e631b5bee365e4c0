/** The simulator's demo catalog: three services a street-office hall really offers. */
import type { Catalog } from '../../common/platform/schemas.js';

export const demoCatalog: Catalog = {
  version: '2026.11-demo',
  services: [
    {
      id: 'elderly-allowance',
      name: { 'zh-CN': '高龄津贴申领', en: 'Old-age allowance' },
      materials: [
        { 'zh-CN': '居民身份证', en: 'Resident ID card' },
        { 'zh-CN': '本人银行卡', en: "Applicant's bank card" },
      ],
      form: {
        type: 'object',
        required: ['phone', 'bankAccount'],
        additionalProperties: false,
        properties: {
          phone: { type: 'string', title: '联系电话', pattern: '^1[3-9][0-9]{9}$', maxLength: 11 },
          bankAccount: {
            type: 'string',
            title: '银行账号',
            pattern: '^[0-9]{12,19}$',
            maxLength: 19,
          },
          note: { type: 'string', title: '备注', maxLength: 200 },
        },
      },
      timeLimitDays: 15,
      counters: ['A01', 'A02'],
      guide: {
        'zh-CN': '年满80周岁的本辖区户籍老人可申领。带齐材料，自助申报后15个工作日内办结。',
        en: 'Residents registered here aged 80 or over may apply. Decided within 15 working days.',
      },
    },
    {
      id: 'residence-certificate',
      name: { 'zh-CN': '居住证明开具', en: 'Proof of residence' },
      materials: [{ 'zh-CN': '居民身份证', en: 'Resident ID card' }],
      form: {
        type: 'object',
        required: ['address', 'years'],
        additionalProperties: false,
        properties: {
          address: { type: 'string', title: '居住地址', minLength: 4, maxLength: 100 },
          years: { type: 'integer', title: '居住年限', minimum: 0, maximum: 99 },
        },
      },
      timeLimitDays: 3,
      counters: ['B01'],
      guide: {
        'zh-CN': '在本辖区居住的居民可申请开具居住证明，3个工作日内办结。',
        en: 'Residents living here may request a proof of residence; ready in 3 working days.',
      },
    },
    {
      id: 'disability-subsidy',
      name: { 'zh-CN': '残疾人两项补贴', en: 'Disability subsidies' },
      materials: [
        { 'zh-CN': '居民身份证', en: 'Resident ID card' },
        { 'zh-CN': '残疾人证', en: 'Disability certificate' },
      ],
      form: {
        type: 'object',
        required: ['certificateNumber'],
        additionalProperties: false,
        properties: {
          certificateNumber: { type: 'string', title: '残疾人证号', pattern: '^[0-9A-Z]{20}$' },
        },
      },
      timeLimitDays: 20,
      counters: ['A03'],
      guide: {
        'zh-CN': '持有残疾人证的困难残疾人、重度残疾人可申请生活补贴和护理补贴。',
        en: 'Holders of a disability certificate in hardship or with severe disability may apply.',
      },
    },
  ],
};
