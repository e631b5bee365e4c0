/**
 * Sample residents for demo mode's simulated reader. They are fictitious, with valid check
 * characters, and go through the same decoder as a real card's bytes.
 */
import type { DemoResidentId } from '../../common/contract/contract.js';
import type { FieldName } from './id-card-text.js';

export const demoResidents: Record<
  Exclude<DemoResidentId, 'unreadable'>,
  Partial<Record<FieldName, string>>
> = {
  elder: {
    name: '张桂英',
    sex: '2',
    nation: '01',
    birth: '19491231',
    address: '北京市西城区复兴门外大街1号',
    idNumber: '11010519491231002X',
    issuer: '北京市公安局西城分局',
    validFrom: '20150101',
    validTo: '长期',
  },
  minority: {
    name: '阿依古丽·买买提',
    sex: '2',
    nation: '05',
    birth: '19880101',
    address: '新疆乌鲁木齐市天山区解放南路8号',
    idNumber: '650102198801010037',
    issuer: '乌鲁木齐市公安局天山分局',
    validFrom: '20180301',
    validTo: '20380301',
  },
  rare: {
    name: '王𠮷',
    sex: '1',
    nation: '01',
    birth: '19900315',
    address: '广东省广州市越秀区中山五路2号',
    idNumber: '440104199003150017',
    issuer: '广州市公安局越秀分局',
    validFrom: '20200601',
    validTo: '20400601',
  },
  expired: {
    name: '李明',
    sex: '1',
    nation: '01',
    birth: '19750620',
    address: '上海市黄浦区人民大道200号',
    idNumber: '310101197506200015',
    issuer: '上海市公安局黄浦分局',
    validFrom: '20050620',
    validTo: '20250620',
  },
};
