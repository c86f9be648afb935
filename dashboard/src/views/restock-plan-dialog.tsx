import type { InventoryItem, InventoryResponse, Store } from '../api/types';
import { useI18n } from '../app-context';
import { Dialog } from '../components/dialog';
import { RestockOverrideEditor } from './restock-override-editor';
import { RestockPlanExplained } from './restock-plan-explained';
import './restock.css';

/**
 * One SKU's restock plan with its own numbers in every formula (so a buyer can check it by hand), the plan per
 * mode, and for owners the SKU's override editor.
 */
export function RestockPlanDialog(props: {
  store: Store;
  data: InventoryResponse;
  item: InventoryItem | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { item } = props;
  return (
    <Dialog
      open={item !== undefined}
      title={item === undefined ? '' : t('plan.title', { sku: item.sellerSku })}
      onClose={props.onClose}
      actions={
        <button type="button" class="button" onClick={props.onClose}>
          {t('common.close')}
        </button>
      }
    >
      {item === undefined ? null : (
        <>
          <RestockPlanExplained item={item} data={props.data} />
          <RestockOverrideEditor key={item.sellerSku} store={props.store} item={item} />
        </>
      )}
    </Dialog>
  );
}
