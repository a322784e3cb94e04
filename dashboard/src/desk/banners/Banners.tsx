// The banners under the top bar, in order of what they mean for the desk: its link, its gateway, the alarm, the
// prompt to enable its sound, the last notice. Hidden ones stay in the page (tests and screen readers find them in place).

import { LiveBanner, StaleBanner, StoreBanner } from './LinkBanners.js';
import { EnableSoundPrompt } from './EnableSoundPrompt.js';
import { NoticeLine } from './NoticeLine.js';
import { SoundState } from './SoundState.js';
import { UnackBanner } from './UnackBanner.js';

export function Banners() {
  return (
    <>
      <LiveBanner />
      <StaleBanner />
      <StoreBanner />
      <UnackBanner />
      <EnableSoundPrompt />
      <NoticeLine />
      <SoundState />
    </>
  );
}
