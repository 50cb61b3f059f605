import { Text } from '@tarojs/components';

/** A plate drawn the way it looks on the car: blue, or green for new-energy (8 characters). */
export function Plate({ plate }: { plate: string }) {
  const green = plate.length === 8;
  return <Text className={`pk-plate${green ? ' pk-plate--green' : ''}`}>{plate}</Text>;
}
