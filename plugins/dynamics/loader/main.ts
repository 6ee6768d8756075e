import { mount } from "./loader";

(window as unknown as { SalesCoachDynamicsHost: { mount: typeof mount } }).SalesCoachDynamicsHost = { mount };
