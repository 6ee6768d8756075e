// A small DOM implementation of the @hubspot/ui-extensions components the SalesCoach card
// uses, so the sandbox can render the very same card with React DOM. The build aliases
// "@hubspot/ui-extensions" to this file for the host bundle only.
import React from "react";

type Props = Record<string, unknown> & { children?: React.ReactNode; testId?: string };
type Handler = (event?: unknown, reactions?: unknown) => void;

const gaps: Record<string, number> = { flush: 0, xs: 4, "extra-small": 4, sm: 8, small: 8, md: 12, medium: 12, lg: 20, large: 20, xl: 28 };
const alignments: Record<string, string> = { start: "flex-start", end: "flex-end", center: "center", between: "space-between", around: "space-around", baseline: "baseline", stretch: "stretch" };

function common(props: Props, component: string, className: string): Record<string, unknown> {
  return { "data-hs-component": component, "data-testid": props.testId, className };
}

export function Flex(props: Props) {
  const style: React.CSSProperties = {
    display: "flex",
    flexDirection: props.direction === "column" ? "column" : "row",
    gap: gaps[String(props.gap ?? "flush")] ?? 0,
    justifyContent: alignments[String(props.justify ?? "start")],
    alignItems: props.align ? alignments[String(props.align)] : undefined,
    flexWrap: props.wrap === true || props.wrap === "wrap" ? "wrap" : undefined,
  };
  return <div {...common(props, "Flex", "hs-flex")} style={style}>{props.children}</div>;
}

export function Heading(props: Props) {
  return <h2 {...common(props, "Heading", "hs-heading")}>{props.children}</h2>;
}

export function Text(props: Props) {
  const format = (props.format ?? {}) as { fontWeight?: string; italic?: boolean };
  const className = ["hs-text", props.variant === "microcopy" ? "hs-text--microcopy" : "", format.fontWeight ? `hs-text--${format.fontWeight}` : ""].join(" ").trim();
  const Tag = props.inline ? "span" : "p";
  return <Tag {...common(props, "Text", className)} style={format.italic ? { fontStyle: "italic" } : undefined}>{props.children}</Tag>;
}

export function Tag(props: Props) {
  return <span {...common(props, "Tag", `hs-tag hs-tag--${String(props.variant ?? "default")}`)}>{props.children}</span>;
}

function hrefOf(href: unknown): { url: string; external: boolean } | undefined {
  if (typeof href === "string") return { url: href, external: false };
  if (href && typeof href === "object" && typeof (href as { url?: unknown }).url === "string") {
    const h = href as { url: string; external?: boolean };
    return { url: h.url, external: h.external === true };
  }
  return undefined;
}

export function Button(props: Props) {
  const className = `hs-button hs-button--${String(props.variant ?? "secondary")} hs-button--${String(props.size ?? "md")}`;
  const onClick = () => (props.onClick as Handler | undefined)?.(undefined, undefined);
  const href = hrefOf(props.href);
  if (href) {
    return (
      <a {...common(props, "Button", className)} href={href.url} target="_blank" rel="noopener noreferrer" role="button" onClick={onClick}>
        {props.children}
      </a>
    );
  }
  return <button {...common(props, "Button", className)} type="button" disabled={props.disabled === true} onClick={onClick}>{props.children}</button>;
}

export function Link(props: Props) {
  const href = hrefOf(props.href);
  const onClick = () => (props.onClick as Handler | undefined)?.(undefined, undefined);
  return (
    <a {...common(props, "Link", "hs-link")} href={href?.url} target={href?.external ? "_blank" : undefined} rel="noopener noreferrer" onClick={onClick}>
      {props.children}
    </a>
  );
}

export function Tile(props: Props) {
  return <div {...common(props, "Tile", props.compact ? "hs-tile hs-tile--compact" : "hs-tile")}>{props.children}</div>;
}

export function List(props: Props) {
  const ordered = String(props.variant ?? "").startsWith("ordered");
  const items = React.Children.toArray(props.children).map((child, i) => <li key={i}>{child}</li>);
  return ordered ? <ol {...common(props, "List", "hs-list")}>{items}</ol> : <ul {...common(props, "List", "hs-list")}>{items}</ul>;
}

export function Divider(props: Props) {
  return <hr {...common(props, "Divider", "hs-divider")} />;
}

export function LoadingSpinner(props: Props) {
  return <span {...common(props, "LoadingSpinner", "hs-spinner")} role="status" aria-label={String(props.label ?? "")} />;
}

export function ProgressBar(props: Props) {
  const value = Number(props.value ?? 0);
  const max = Number(props.maxValue ?? props.valueMax ?? 100);
  const width = max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0;
  return (
    <div {...common(props, "ProgressBar", "hs-progress")}>
      {typeof props.title === "string" && <span className="hs-progress-title">{props.title}</span>}
      <div className="hs-progress-track" role="meter" aria-label={String(props.title ?? "")} aria-valuemin={0} aria-valuemax={max} aria-valuenow={value} aria-valuetext={String(props.valueDescription ?? value)}>
        <div className="hs-progress-fill" style={{ width: `${width}%` }} />
      </div>
      {typeof props.valueDescription === "string" && <span className="hs-progress-value">{props.valueDescription}</span>}
    </div>
  );
}

export function Alert(props: Props) {
  return (
    <div {...common(props, "Alert", `hs-alert hs-alert--${String(props.variant ?? "info")}`)} role="alert">
      <strong>{String(props.title ?? "")}</strong> {props.children}
    </div>
  );
}

export interface HostFetchOptions {
  method?: string;
  body?: Record<string, unknown>;
  timeout?: number;
}

type Transport = (url: string, options?: HostFetchOptions) => Promise<Response>;
type ExtensionCallback = (api: { context: unknown; actions: unknown }) => React.ReactNode;

let transport: Transport | undefined;
let extension: ExtensionCallback | undefined;

export function setTransport(next: Transport): void {
  transport = next;
}

export function registeredExtension(): ExtensionCallback | undefined {
  return extension;
}

/** The two hubspot.* functions the card uses: extend registers the card, fetch goes through the host's transport. */
export const hubspot = {
  extend(callback: ExtensionCallback): void {
    extension = callback;
  },
  fetch(url: string | URL, options?: HostFetchOptions): Promise<Response> {
    if (!transport) return Promise.reject(new Error("hubspot.fetch: the host has no transport"));
    return transport(String(url), options);
  },
};
