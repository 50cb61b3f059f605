import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import type { RepairLocations } from '@contract/repairs.schema';
import { Chips } from '@/shared/ui/Chips';
import { toast } from '@/shared/ui/toast';
import { addFloor, addRoom } from '../api';
import { valueOf } from './fields';

/** A name typed and added with one button; cleared once the server took it. */
function AddName({
  placeholder,
  action,
  onAdd,
}: {
  placeholder: string;
  action: string;
  onAdd: (name: string) => Promise<void>;
}) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const add = () => {
    if (busy || !name.trim()) return;
    setBusy(true);
    void onAdd(name.trim())
      .then(() => {
        setName('');
        void Taro.showToast({ title: '已添加', icon: 'success' });
      })
      .catch(toast)
      .finally(() => setBusy(false));
  };
  return (
    <View className="rp-sla">
      <Input
        className="ui-input rp-area__input"
        value={name}
        maxlength={20}
        placeholder={placeholder}
        onInput={(e) => setName(valueOf(e).slice(0, 20))}
      />
      <View
        className={`ui-small-button tap${busy || !name.trim() ? ' ui-small-button--off' : ''}`}
        ariaRole="button"
        onClick={add}
      >
        {action}
      </View>
    </View>
  );
}

/**
 * 楼层与房间: the rooms people pick when they report, building by building; a missing floor or
 * room is added here (last in its order), so no one has to type the place by hand.
 */
export function PlaceRules({ places, onChange }: { places: RepairLocations; onChange: (p: RepairLocations) => void }) {
  const [buildingId, setBuildingId] = useState(places.buildings[0]?.id ?? '');
  const building = places.buildings.find((b) => b.id === buildingId);
  if (!building) return <Text className="text-muted">园区还没有楼宇</Text>;
  return (
    <View className="rp-panel">
      <Chips
        small
        label="选择楼宇"
        options={places.buildings.map((b) => ({ value: b.id, label: b.name }))}
        value={buildingId}
        onChange={setBuildingId}
      />
      {building.floors.map((floor) => (
        <View key={floor.id} className="rp-rule">
          <Text className="rp-rule__name">{`${building.name} ${floor.name}`}</Text>
          <Text className="text-muted">
            {floor.rooms.length ? floor.rooms.map((r) => r.name).join('、') : '还没有房间'}
          </Text>
          <AddName
            placeholder={`${floor.name}的新房间`}
            action="添加房间"
            onAdd={async (name) => onChange(await addRoom(floor.id, name))}
          />
        </View>
      ))}
      <AddName
        placeholder={`${building.name}的新楼层，如 7层`}
        action="添加楼层"
        onAdd={async (name) => onChange(await addFloor(building.id, name))}
      />
    </View>
  );
}
