/** `GET /stats`: public complaint figures, per jurisdiction (all, or for one recruiter). */
export interface JurisdictionStats {
  jurisdiction: string;
  received: number;
  open: number;
  closed: number;
  byCategory: Record<string, number>;
  byOutcome: Record<string, number>;
  medianDaysToClose: number | null;
}

export interface ComplaintStats {
  generatedAt: string;
  recruiterId?: string;
  jurisdictions: JurisdictionStats[];
}
