import { redirect } from 'next/navigation';
import { DEMO_MAP_ID } from '@/shared/demo';

export const dynamic = 'force-dynamic';

export function GET() {
  redirect(`/maps/${DEMO_MAP_ID}`);
}
