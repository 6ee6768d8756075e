import type { ApiClient } from "./api-client";
import type { Translate } from "./i18n";
import { renderContentList } from "./render/content";
import type { ContentEventType, ContentItem } from "./types";

export interface ContentSectionOptions {
  api: ApiClient;
  repId: string;
  interactionId: () => string | undefined;
  openUrl?: (url: string) => void;
  share?: (item: ContentItem) => void | Promise<void>;
  announce: (key: "linkCopied") => void;
  onError: (error: unknown) => void;
  rendered: () => void;
}

/** Recommended content: the list, its open/share/helpful actions and the engagement events they post. */
export class ContentSection {
  private items: ContentItem[] = [];
  private readonly rated = new Set<string>();
  private readonly impressions = new Set<string>();

  constructor(
    private readonly host: HTMLElement,
    private readonly options: ContentSectionOptions,
  ) {}

  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  /** Forgets the list and the impressions already counted (a new interaction starts). */
  reset(): void {
    this.items = [];
    this.impressions.clear();
  }

  set(items: ContentItem[], t: Translate): void {
    this.items = items.filter((x) => x && typeof x.contentId === "string" && typeof x.title === "string");
    this.render(t);
    for (const item of this.items) {
      if (this.impressions.has(item.contentId)) continue;
      this.impressions.add(item.contentId);
      void this.post(item, "impression");
    }
  }

  render(t: Translate): void {
    this.host.replaceChildren(
      renderContentList(this.items, t, this.rated, {
        open: (item) => this.open(item),
        share: (item) => void this.share(item),
        helpful: (item) => {
          this.rated.add(item.contentId);
          this.render(t);
          void this.post(item, "helpful");
        },
      }),
    );
    this.options.rendered();
  }

  private open(item: ContentItem): void {
    if (!item.url) return;
    // Open first, inside the click, so popup blockers allow it; then record the event.
    if (this.options.openUrl) this.options.openUrl(item.url);
    else window.open(item.url, "_blank", "noopener,noreferrer");
    void this.post(item, "open");
  }

  private async share(item: ContentItem): Promise<void> {
    if (!item.url) return;
    try {
      if (this.options.share) await this.options.share(item);
      else await navigator.clipboard?.writeText(item.url);
      this.options.announce("linkCopied");
    } catch {
      // Clipboard refused (no permission in a frame): the event still counts the intent.
    }
    await this.post(item, "share");
  }

  private async post(item: ContentItem, type: ContentEventType): Promise<void> {
    try {
      await this.options.api.postContentEvent(item.contentId, type, this.options.interactionId(), this.options.repId);
    } catch (error) {
      // A lost impression is not worth bothering the rep about.
      if (type !== "impression") this.options.onError(error);
    }
  }
}
