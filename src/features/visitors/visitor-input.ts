import { isValidIdNumber, isValidMobile, normalizeIdNumber } from '@contract/identity';
import { parsePlate } from '@contract/plate';

/** What a form holds of the visitor (as typed). */
export interface VisitorInput {
  name: string;
  phone: string;
  idNumber: string;
  plate: string;
}

export const EMPTY_VISITOR: VisitorInput = { name: '', phone: '', idNumber: '', plate: '' };

/** Why the visitor's fields cannot be sent (the server checks again), or null. */
export function visitorProblem(v: VisitorInput, requiresId: boolean): string | null {
  const id = normalizeIdNumber(v.idNumber);
  if (!v.name.trim()) return '请填写访客姓名';
  if (!isValidMobile(v.phone.trim())) return '手机号码不正确，请填写 11 位手机号';
  if (requiresId && !id) return '本园区来访需要登记身份证号码';
  if (id && !isValidIdNumber(id)) return '身份证号码不正确，请核对';
  // The shared plate rule (contract/plate.ts), the one the BFF and the gate apply.
  if (v.plate.trim() && !parsePlate(v.plate)) return '车牌号格式不正确，例如：浙A12345、浙AD12345';
  return null;
}

/** The request's visitor fields: trimmed, the ID's x upper-cased, the empty ones left out. */
export function visitorBody(v: VisitorInput) {
  const id = normalizeIdNumber(v.idNumber);
  const plate = parsePlate(v.plate) ?? v.plate.trim().toUpperCase();
  return {
    visitorName: v.name.trim(),
    visitorPhone: v.phone.trim(),
    ...(id ? { idNumber: id } : {}),
    ...(plate ? { plate } : {}),
  };
}
