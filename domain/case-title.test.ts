import { suggestCaseTitle } from './case-title';

describe('suggestCaseTitle', () => {
  it.each([
    [
      { client: '刘洋', opposing: ['南京信达建设有限公司'], causeOfAction: '股权转让纠纷', practiceArea: 'civil' },
      '刘洋诉南京信达建设有限公司股权转让纠纷',
    ],
    [
      { client: '刘洋', opposing: ['甲公司', '乙公司'], causeOfAction: '买卖合同纠纷', practiceArea: 'civil' },
      '刘洋诉甲公司等买卖合同纠纷',
    ],
    [{ client: '刘洋', opposing: [], causeOfAction: '离婚纠纷', practiceArea: 'civil' }, '刘洋离婚纠纷'],
    [{ client: ' 刘洋 ', opposing: [' 南京市鼓楼区人民政府 '], practiceArea: 'administrative' }, '刘洋诉南京市鼓楼区人民政府'],
    [{ client: '张三', opposing: [], causeOfAction: '诈骗罪', practiceArea: 'criminal' }, '张三涉嫌诈骗案'],
    [{ client: '张三', opposing: [], practiceArea: 'criminal' }, '张三案'],
    [
      { client: '甲公司', opposing: ['乙公司'], causeOfAction: '建设工程施工合同纠纷', practiceArea: 'arbitration' },
      '甲公司与乙公司建设工程施工合同纠纷仲裁案',
    ],
    [{ client: '甲公司', opposing: [], causeOfAction: '股权收购尽职调查', practiceArea: 'non_litigation' }, '甲公司股权收购尽职调查'],
    [
      { client: 'Acme Ltd.', opposing: ['Beta GmbH'], causeOfAction: 'sale of goods', practiceArea: 'civil' },
      'Acme Ltd. v. Beta GmbH, sale of goods',
    ],
    [
      { client: 'Acme Ltd.', opposing: ['南京信达建设有限公司'], causeOfAction: '买卖合同纠纷' },
      'Acme Ltd.诉南京信达建设有限公司买卖合同纠纷',
    ],
    [{ client: '', opposing: ['乙公司'] }, ''],
  ])('%j → %s', (parts, title) => {
    expect(suggestCaseTitle(parts)).toBe(title);
  });
});
