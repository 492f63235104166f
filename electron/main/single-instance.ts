/**
 * One desktop instance per user: a second launch hands over to the first (which comes forward)
 * and quits before it opens anything. (The core's data-folder lock also refuses a second process.)
 */
import { app } from 'electron';

/** True when this process is the first instance; otherwise it has asked to quit. */
export function claimSingleInstance(onSecondLaunch: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', onSecondLaunch);
  return true;
}
