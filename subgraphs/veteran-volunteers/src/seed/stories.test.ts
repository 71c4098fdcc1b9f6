import { SeededRandom } from '@civic/shared';
import { storyText, type Teller } from './stories';

const teller = (over: Partial<Teller>): Teller => ({
  regionCode: '350105102227',
  name: '林秀英',
  born: 1970,
  enlistYear: 1988,
  dischargeYear: 2000,
  place: '马尾区闽江村',
  team: '闽江村红色义工队',
  ...over,
});

describe("a veteran's story", () => {
  it('when it is told of a woman, then it says 她 and never 他; of a man, 他', () => {
    const random = new SeededRandom(7);
    for (let n = 0; n < 40; n++) {
      const hers = storyText(random, n, [teller({ female: true })]);
      if (!hers) continue; // a theme her years do not fit
      expect(hers.text).not.toMatch(/他/);
      expect(hers.text).toMatch(/她/);
      const his = storyText(random, n, [teller({ name: '陈建国' })]);
      if (his) expect(his.text).not.toMatch(/她/);
    }
  });

  it('when it is told, then it starts from the enlistment year and names the team; a flood only for one who served in 1998', () => {
    const random = new SeededRandom(3);
    const told = new Set<string>();
    const late = teller({ enlistYear: 1998, dischargeYear: 2003, born: 1979 });
    for (let n = 0; n < 70; n++) {
      const story = storyText(random, n, [late], told);
      if (!story) continue;
      expect(/(\d{4})年/.exec(story.text)![1]).toBe('1998');
      expect(story.text).toContain('闽江村红色义工队');
      expect(story.tags).not.toContain('抗洪'); // enlisted in the winter after the summer flood
    }
    expect(storyText(random, 1, [late])).toBeNull();
  });
});
