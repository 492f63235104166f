import type { Page } from 'playwright-core';
import { ActivityPage } from './activity-page';
import { AppPage } from './app-page';
import { AttachmentsPage } from './attachments-page';
import { DialogsPage } from './dialogs-page';
import { OverviewPage } from './overview-page';
import { SettingsPage } from './settings-page';
import { VolumesPage } from './volumes-page';

export { ActivityPage, AppPage, AttachmentsPage, DialogsPage, OverviewPage, SettingsPage, VolumesPage };
export { SCREENS, type ViewName } from './app-page';
export type { AccountFields } from './dialogs-page';

/** Every page object of one page, for a test to destructure what it needs. */
export function pagesOf(page: Page) {
  return {
    app: new AppPage(page),
    volumes: new VolumesPage(page),
    dialogs: new DialogsPage(page),
    activity: new ActivityPage(page),
    overview: new OverviewPage(page),
    attachments: new AttachmentsPage(page),
    settings: new SettingsPage(page),
  };
}
