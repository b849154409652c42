// Regions and agencies with their names in kk/ru/en, and the office's time zone, loaded once after sign-in.
import { reference } from "../api/endpoints";
import type { Agency, Region } from "../api/types";
import { localName, setOfficeTimeZone } from "../i18n/i18n";

let regions: Region[] = [];
let agencies: Agency[] = [];
const regionsByCode = new Map<string, Region>();
const agenciesByCode = new Map<string, Agency>();

export async function loadReference(): Promise<void> {
  const [loadedRegions, loadedAgencies, office] = await Promise.all([
    reference.regions().catch(() => [] as Region[]),
    reference.agencies().catch(() => [] as Agency[]),
    reference.office().catch(() => null),
  ]);
  if (office) setOfficeTimeZone(office.timeZone);
  regions = loadedRegions;
  agencies = loadedAgencies;
  regionsByCode.clear();
  agenciesByCode.clear();
  for (const region of regions) regionsByCode.set(region.code, region);
  for (const agency of agencies) agenciesByCode.set(agency.code, agency);
}

export const allRegions = (): readonly Region[] => regions;
export const allAgencies = (): readonly Agency[] => agencies;

/** The region's name in the interface language; the code itself when unknown. */
export function regionName(code: string): string {
  const region = regionsByCode.get(code);
  return region ? localName(region) : code;
}

export function agencyName(code: string): string {
  const agency = agenciesByCode.get(code);
  return agency ? localName(agency) : code;
}
