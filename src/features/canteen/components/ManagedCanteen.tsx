import { useState } from 'react';
import { useDidShow, useRouter } from '@tarojs/taro';
import type { Canteen } from '@contract/canteen.schema';
import { useRequireSession } from '@/features/session';
import type { Me } from '@contract/auth.schema';
import { toast } from '@/shared/ui/toast';
import {
  selectCanteenId,
  selectCanteens,
  selectCanteensError,
  selectCanteensStatus,
  selectLoadCanteens,
  selectSelectCanteen,
  useCanteen,
  type LoadStatus,
} from '../store';

export interface ManagedCanteen {
  me: Me | null;
  status: LoadStatus;
  error: string | null;
  retry: () => void;
  /** The canteens the person manages (its canteen staff; admins: all). */
  managed: Canteen[];
  canteen: Canteen | undefined;
  pick: (id: string) => void;
}

/**
 * The canteen a management page works on: `?canteenId=` when the person manages it, else the one
 * picked last, else the first they manage.
 */
export function useManagedCanteen(): ManagedCanteen {
  const me = useRequireSession();
  const { params } = useRouter();
  const canteens = useCanteen(selectCanteens);
  const status = useCanteen(selectCanteensStatus);
  const error = useCanteen(selectCanteensError);
  const remembered = useCanteen(selectCanteenId);
  const loadCanteens = useCanteen(selectLoadCanteens);
  const selectCanteen = useCanteen(selectSelectCanteen);
  const [picked, setPicked] = useState<string | undefined>(
    typeof params.canteenId === 'string' ? params.canteenId : undefined,
  );
  const signedIn = me !== null;

  useDidShow(() => {
    if (signedIn) void loadCanteens().catch(toast);
  });

  const managed = canteens.filter((c) => c.canManage);
  const canteen =
    managed.find((c) => c.id === picked) ?? managed.find((c) => c.id === remembered) ?? managed[0] ?? undefined;
  return {
    me,
    status: signedIn ? status : 'loading',
    error,
    retry: () => void loadCanteens(),
    managed,
    canteen,
    pick: (id) => {
      setPicked(id);
      selectCanteen(id);
    },
  };
}
