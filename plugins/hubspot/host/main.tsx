import "../src/app/cards/SalesCoachCard";
import { mountCard } from "./host";

(window as unknown as { SalesCoachHubSpotHost: { mount: typeof mountCard } }).SalesCoachHubSpotHost = { mount: mountCard };
