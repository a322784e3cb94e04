import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ElderLookupIndex } from '../../gateway/src/app/directories/elder-lookup-index.js';
import { rankElders, type LookupCandidate } from '../../gateway/src/core/calls/elder-lookup.js';

// Ranking the elders a query can mean: numbers before names, names before ID tails, addresses last; ties by name.

function elder(id: string, fields: Partial<LookupCandidate> = {}): LookupCandidate {
  return { id, name: `老人${id}`, address: `城关镇${id}号`, phone: null, regionId: 'community-1', contacts: [], idNumber: null, ...fields };
}

const wang = elder('e-wang', {
  name: '王秀英',
  address: '城关镇幸福社区3号楼201',
  phone: '138-1234-5678',
  contacts: [{ name: '王强', relation: '儿子', phone: '+86 139 0000 0001' }],
  idNumber: '11010519491231002X',
});
const li = elder('e-li', { name: '李建国', address: '城关镇和平路12号', phone: '(0571) 8888-6666', contacts: [{ name: '李红', relation: '女儿', phone: '13812345678' }] });
const wangJun = elder('e-wangjun', { name: '王军', address: '东山镇王家村5号', phone: '13700005678', idNumber: '330102194503121238' });
const all = [wang, li, wangJun];

const rank = (q: string, candidates: LookupCandidate[] = all, areaCode?: string) =>
  rankElders(q, candidates, { limit: 10, ...(areaCode === undefined ? {} : { areaCode }) });

describe('elder lookup ranking', () => {
  it('when the elder\'s own number is typed in any format, then the elder comes first, matched on phone, ahead of the elder whose contact has that number', () => {
    for (const q of ['13812345678', '+86 138 1234 5678', '0086-138-1234-5678', '138.1234.5678']) {
      const items = rank(q);
      expect(items.map((i) => i.id), q).toEqual(['e-wang', 'e-li']);
      expect(items[0]!.matchedOn[0]).toBe('phone');
      expect(items[0]!.contact).toBeNull();
      expect(items[1]!.matchedOn).toEqual(['contact_phone']);
      expect(items[1]!.contact).toEqual({ name: '李红', relation: '女儿' });
    }
  });

  it('when a contact\'s number is typed, then the elder is found matched on contact_phone and the contact is named', () => {
    const items = rank('139 0000 0001');
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ id: 'e-wang', matchedOn: ['contact_phone'], contact: { name: '王强', relation: '儿子' } });
  });

  it('when a landline is typed with +86 or as a bare local number with the area code configured, then its elder is found', () => {
    expect(rank('+86 571 8888 6666')[0]).toMatchObject({ id: 'e-li', matchedOn: ['phone'] });
    expect(rank('88886666', all, '0571')[0]).toMatchObject({ id: 'e-li', matchedOn: ['phone'] });
  });

  it('when 4 digits end one number and sit inside another, then the suffix match ranks first', () => {
    // 5678 ends 王军's and 王秀英's numbers (tied: by name) and 李红's; 1234 is inside 王秀英's number and 李红's.
    expect(rank('5678').map((i) => i.id)).toEqual(['e-wangjun', 'e-wang', 'e-li']);
    const inside = rank('1234');
    expect(inside.map((i) => i.id)).toEqual(['e-wang', 'e-li']);
    expect(inside.every((i) => i.matchedOn.includes('phone') || i.matchedOn.includes('contact_phone'))).toBe(true);
  });

  it('when a number fragment matches one elder and the same digits end another\'s ID number, then the phone match ranks first', () => {
    const idOnly = elder('e-id', { name: '赵六', idNumber: '440306193808085678' });
    const items = rank('5678', [idOnly, wangJun]);
    expect(items.map((i) => [i.id, i.matchedOn])).toEqual([['e-wangjun', ['phone']], ['e-id', ['id_number']]]);
  });

  it('when a full name, a surname and a given name are typed, then whole names outrank prefixes and prefixes outrank partial names', () => {
    expect(rank('王秀英').map((i) => i.id)).toEqual(['e-wang']);
    const surname = rank('王');
    expect(surname.map((i) => i.id)).toEqual(['e-wangjun', 'e-wang']); // both prefix: 王军 before 王秀英 by pinyin
    expect(surname.every((i) => i.matchedOn[0] === 'name')).toBe(true);
    const full = rank('王军');
    expect(full[0]).toMatchObject({ id: 'e-wangjun', matchedOn: ['name'] });
    const partial = [elder('a', { name: '张秀英' }), elder('b', { name: '秀英' })];
    expect(rank('秀英', partial).map((i) => i.id)).toEqual(['b', 'a']);
  });

  it('when the last 4 to 6 characters of an ID number are typed, then its elder is found on id_number, a lower-case x included', () => {
    expect(rank('002X')[0]).toMatchObject({ id: 'e-wang', matchedOn: ['id_number'] });
    expect(rank('1002x')[0]).toMatchObject({ id: 'e-wang', matchedOn: ['id_number'] });
    expect(rank('121238')[0]).toMatchObject({ id: 'e-wangjun', matchedOn: ['id_number'] });
    expect(rank('1231002X')).toEqual([]);
  });

  it('when an address fragment is typed, then the elders living there are found on address, after any name match', () => {
    expect(rank('幸福社区').map((i) => [i.id, i.matchedOn])).toEqual([['e-wang', ['address']]]);
    expect(rank('和平路 12').map((i) => i.id)).toEqual(['e-li']);
    // 王家村 is 王军's address; 王 alone is a name prefix for two, and one character is too little for an address.
    expect(rank('王家村').map((i) => [i.id, i.matchedOn])).toEqual([['e-wangjun', ['address']]]);
    expect(rank('王')[0]!.matchedOn).toEqual(['name']);
  });

  it('when a name and an address both match, then matchedOn lists both, strongest first', () => {
    const both = elder('e-both', { name: '幸福', address: '幸福社区1号' });
    expect(rank('幸福', [both])[0]!.matchedOn).toEqual(['name', 'address']);
  });

  it('when scores tie, then the order is by name and then by id, and the limit keeps the best', () => {
    const same = [elder('z', { name: '张三', address: '幸福社区' }), elder('a', { name: '张三', address: '幸福社区' }), elder('m', { name: '阿姨', address: '幸福社区' })];
    expect(rank('幸福社区', same).map((i) => i.id)).toEqual(['m', 'a', 'z']);
    expect(rankElders('幸福社区', same, { limit: 2 }).map((i) => i.id)).toEqual(['m', 'a']);
  });

  it('when nothing matches or a stored number is not a number at all, then nothing is found and nothing fails', () => {
    const odd = elder('odd', { phone: 'unknown', contacts: [{ name: '邻居', relation: 'neighbour', phone: '' }] });
    expect(rank('13999999999', [odd, ...all])).toEqual([]);
    expect(rank('不存在的名字')).toEqual([]);
  });
});

describe('elder lookup index', () => {
  const everyone = { limit: 10, visible: () => true };

  it('when queries of every kind run over random elders, then the index answers exactly as the plain ranking', () => {
    const text = (chars: string, max: number) => fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength: max });
    const number = fc.oneof(fc.constantFrom('13812345678', '+86 138 1234 5678', '(0571) 8888-6666', '88886666', '0086 139 0000 0001', 'unknown', ''), text('0123456789 -+', 14));
    const candidate = fc.record({
      id: fc.uuid(),
      name: text('王李秀英建国 ', 4),
      address: text('城关镇幸福社区3号楼12', 12),
      phone: fc.option(number, { nil: null }),
      regionId: fc.constantFrom('r1', 'r2'),
      contacts: fc.array(fc.record({ name: text('王李强红', 3), relation: fc.constant('儿子'), phone: number }), { maxLength: 3 }),
      idNumber: fc.option(fc.constantFrom('11010519491231002X', '330102194503121238', '44030619380808456X'), { nil: null }),
    });
    const query = fc.oneof(number, text('王李秀英建国城关镇幸福社区3号楼12', 5), fc.constantFrom('002X', '1238', '456x', '5678', '6666', '0001'));
    fc.assert(
      fc.property(fc.uniqueArray(candidate, { selector: (c) => c.id, maxLength: 25 }), query, (candidates, q) => {
        fc.pre(q.trim().length > 0);
        const index = ElderLookupIndex.load(candidates, { areaCode: '0571' });
        expect(index.lookup(q, everyone)).toEqual(rankElders(q, candidates, { limit: 10, areaCode: '0571' }));
      }),
      { numRuns: 300 },
    );
  });

  it('when an elder is updated or removed, then the index answers from the new record only', () => {
    const index = ElderLookupIndex.load(all);
    expect(index.lookup('13812345678', everyone).map((i) => i.id)).toEqual(['e-wang', 'e-li']);
    index.put({ ...wang, phone: '13600000000', contacts: [] });
    expect(index.lookup('13812345678', everyone).map((i) => i.id)).toEqual(['e-li']);
    expect(index.lookup('139 0000 0001', everyone)).toEqual([]);
    expect(index.lookup('0000', everyone)[0]).toMatchObject({ id: 'e-wang', matchedOn: ['phone'] });
    index.remove('e-li');
    expect(index.lookup('13812345678', everyone)).toEqual([]);
    expect(index.lookup('李建国', everyone)).toEqual([]);
    expect(index.size).toBe(2);
  });

  it('when more elders change than are kept aside, then the fields are joined again and every change is still seen', () => {
    const many = Array.from({ length: 400 }, (_, i) => elder(`e-${String(i).padStart(3, '0')}`, { name: `张${i}`, phone: `1380000${String(i).padStart(4, '0')}` }));
    const index = ElderLookupIndex.load(many);
    expect(index.lookup('13800000007', everyone).map((i) => i.id)).toEqual(['e-007']);
    for (const e of many) index.put({ ...e, phone: `1390000${e.phone!.slice(-4)}` });
    index.remove('e-399');
    expect(index.lookup('13800000007', everyone)).toEqual([]);
    expect(index.lookup('13900000007', everyone).map((i) => i.id)).toEqual(['e-007']);
    expect(index.lookup('0399', everyone)).toEqual([]);
    expect(index.lookup('张39', everyone).map((i) => i.id)).toEqual(rankElders('张39', many.slice(0, 399), { limit: 10 }).map((i) => i.id));
  });

  it('when a region is not visible to the caller, then none of its elders is returned, by number or by text', () => {
    const index = ElderLookupIndex.load([wang, { ...wangJun, regionId: 'community-2' }]);
    const onlyOne = { limit: 10, visible: (regionId: string) => regionId === 'community-1' };
    expect(index.lookup('王', onlyOne).map((i) => i.id)).toEqual(['e-wang']);
    expect(index.lookup('13700005678', onlyOne)).toEqual([]);
    expect(index.lookup('1238', onlyOne)).toEqual([]);
  });
});
