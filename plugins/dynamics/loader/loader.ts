import type { TokenProvider } from "@salescoach/shared";
import type { IOutputs } from "../SalesCoachPanel/generated/ManifestTypes";
import type { SalesCoachPanel } from "../SalesCoachPanel/index";
import { buildContext, type HostSettings } from "./pcf-context";

/** Sandbox host for the PCF control: drives the lifecycle the way a model-driven form does. */
export interface MountOptions extends HostSettings {
  getToken: TokenProvider;
  interactionId?: string;
  onOutputs?: (outputs: IOutputs) => void;
}

export interface HostedControl {
  control: SalesCoachPanel;
  update(changes: Partial<HostSettings>): void;
  destroy(): void;
}

type ControlConstructor = new () => SalesCoachPanel;

function controlClass(): ControlConstructor {
  const ns = (window as unknown as { SalesCoach?: { SalesCoachPanel?: ControlConstructor } }).SalesCoach;
  if (!ns?.SalesCoachPanel) throw new Error("bundle.js is not loaded: window.SalesCoach.SalesCoachPanel is missing");
  return ns.SalesCoachPanel;
}

export function mount(container: HTMLElement, options: MountOptions, Control: ControlConstructor = controlClass()): HostedControl {
  let settings: HostSettings = { ...options };
  const control = new Control();
  control.useTokenProvider(options.getToken);
  control.interactionId = options.interactionId;
  const div = container.ownerDocument.createElement("div");
  container.replaceChildren(div);
  control.init(
    buildContext(settings),
    () => {
      const outputs = control.getOutputs();
      settings = { ...settings, notes: outputs.coachingNotes ?? settings.notes };
      options.onOutputs?.(outputs);
    },
    {},
    div,
  );
  control.updateView(buildContext(settings));
  return {
    control,
    update(changes) {
      settings = { ...settings, ...changes };
      control.updateView(buildContext(settings, Object.keys(changes)));
    },
    destroy() {
      control.destroy();
      container.replaceChildren();
    },
  };
}
