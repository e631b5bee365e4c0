/**
 * How the display speaks: the bundled clips one after another (an <audio> per clip); if a
 * clip cannot play, Web Speech (zh-CN); if neither is there, silence for about as long as the
 * sentence would take, so the queue's timing — and its log — stay honest.
 */
import type { Speaker } from './voice.js';

function playClip(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const audio = new Audio(src);
    audio.onended = () => resolve();
    audio.onerror = () => reject(new Error(`cannot play ${src}`));
    audio.play().catch(reject);
  });
}

function speakWeb(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!('speechSynthesis' in window)) return reject(new Error('no speech'));
    const u = new SpeechSynthesisUtterance(text);
    u.lang = 'zh-CN';
    u.onend = () => resolve();
    u.onerror = () => reject(new Error('speech failed'));
    window.speechSynthesis.speak(u);
  });
}

export const browserSpeaker: Speaker = async (clips, text) => {
  try {
    for (const clip of clips) await playClip(`voice/${clip}.wav`);
    return 'clips';
  } catch {
    try {
      await speakWeb(text);
      return 'speech';
    } catch {
      await new Promise((r) => setTimeout(r, 250 * text.length));
      return 'silent';
    }
  }
};
