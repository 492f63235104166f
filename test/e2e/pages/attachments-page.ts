import type { Locator, Page } from 'playwright-core';

/** The Attachments view: servers with their attached volumes, and each account's free volumes. */
export class AttachmentsPage {
  constructor(readonly page: Page) {}

  get view(): Locator {
    return this.page.getByTestId('attachments-view');
  }

  server(id: string): Locator {
    return this.page.locator(`[data-testid="attachments-server"][data-server-id="${id}"]`);
  }

  attached(serverId: string, volumeName: string): Locator {
    return this.server(serverId).getByTestId('attached-volume').filter({ hasText: volumeName });
  }

  freeVolume(name: string): Locator {
    return this.page.getByTestId('free-volume').filter({ hasText: name });
  }

  detachButton(volumeName: string, serverId: string): Locator {
    return this.page.getByRole('button', { name: `Detach ${volumeName} from ${serverId}` });
  }
}
