import { maskName } from './masking';

describe('names as shown to someone who may not read the person', () => {
  it('keep the surname and the last character, as in China', () => {
    expect(maskName('张小明')).toBe('张*明');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('王')).toBe('王');
    expect(maskName('𠀋小明')).toBe('𠀋*明');
  });
});
