import type { InventoryItem, InventoryResponse } from '../api/types';
import { useI18n } from '../app-context';
import { formatNumber } from '../format/format';
import type { MessageKey } from '../i18n/en';

/**
 * A SKU's plan explained: the recommendation, then every formula with the SKU's own numbers in it (velocity,
 * supply, cover, stock-out, lead time, order-by, quantity) so a buyer can check it by hand, and the plan per mode.
 */
export function RestockPlanExplained({ item, data }: { item: InventoryItem; data: InventoryResponse }) {
  const { t, locale } = useI18n();
  const plan = item.plan;
  if (plan === undefined) return null;
  const n = (value: number, digits = 0) => formatNumber(locale, value, digits);
  const mode = (value: string) => t(`mode.${value}` as MessageKey);
  const rate = plan.unitsPerDay;
  const s = plan.settings;
  const recommended = plan.modes.find((m) => m.mode === plan.recommendedMode);
  const due = ['out-of-stock', 'order-now', 'order-soon'].includes(plan.status) && plan.quantity > 0;
  const weights = data.velocity?.weights ?? { d7: 0.25, d30: 0.5, d60: 0.25 };

  return (
    <div class="plan">
      <p>
        <span class={`badge status-${plan.status}`}>{t(`restock.status.${plan.status}`)}</span>{' '}
        {plan.provisional ? <span class="store-meta">{t('plan.provisional')}</span> : null}
      </p>
      {rate === null || rate <= 0 || recommended === undefined ? (
        <p>
          {t('plan.nothingToPlan', {
            reason: t(plan.status === 'no-sales' ? 'plan.reason.no-sales' : 'plan.reason.loading'),
          })}
        </p>
      ) : (
        <>
          <p class="plan-answer">
            <strong>
              {due
                ? t(plan.status === 'order-soon' ? 'plan.recommendSoon' : 'plan.recommend', {
                    quantity: n(plan.quantity),
                    mode: mode(recommended.mode),
                    date: recommended.orderBy,
                  })
                : t('plan.noOrder', { mode: mode(recommended.mode), date: recommended.orderBy })}
            </strong>
          </p>
          {plan.arrivesBeforeStockOut === false ? (
            <p class="dialog-warning">
              {t('plan.gap', { mode: mode(recommended.mode), days: n(plan.stockOutGapDays) })}
            </p>
          ) : null}
          <h3>{t('plan.formula')}</h3>
          <ol class="formula">
            {item.unitsSold ? (
              <li>
                {t('plan.velocity', {
                  d7: n(item.unitsSold.d7),
                  d30: n(item.unitsSold.d30),
                  d60: n(item.unitsSold.d60),
                  w7: n(weights.d7, 2),
                  w30: n(weights.d30, 2),
                  w60: n(weights.d60, 2),
                  rate: n(rate, 2),
                })}
                <br />
                <span class="store-meta">{t('plan.velocityNote')}</span>
              </li>
            ) : null}
            <li>
              {t('plan.supply', {
                fulfillable: n(item.fulfillable),
                working: n(item.inboundWorking ?? 0),
                shipped: n(item.inboundShipped ?? 0),
                receiving: n(item.inboundReceiving ?? 0),
                supply: n(plan.supply),
              })}
            </li>
            <li>
              {t('plan.cover', {
                fulfillable: n(item.fulfillable),
                rate: n(rate, 2),
                cover: n(item.daysOfCover ?? 0, 1),
                supply: n(plan.supply),
                coverWithInbound: n(item.daysOfCoverWithInbound ?? 0, 1),
              })}
            </li>
            <li>
              {t('plan.stockOut', {
                today: plan.today,
                days: n(Math.floor(plan.supply / rate + 1e-9)),
                date: plan.stockOutDateWithInbound ?? '',
                shelfDate: plan.stockOutDate ?? '',
              })}
            </li>
            <li>
              {t('plan.lead', {
                mode: mode(recommended.mode),
                production: n(s.productionDays),
                inspection: n(s.inspectionDays),
                transit: n(recommended.transitDays),
                warehouse: n(recommended.overseasWarehouseDays),
                receiving: n(s.receivingDays),
                lead: n(recommended.leadTimeDays),
              })}
            </li>
            <li>
              {t('plan.orderBy', {
                stockOut: plan.stockOutDateWithInbound ?? '',
                safety: n(s.safetyDays),
                lead: n(recommended.leadTimeDays),
                orderBy: recommended.orderBy,
                prep: n(s.productionDays + s.inspectionDays),
                shipBy: recommended.shipBy,
              })}
            </li>
            <li>
              {t('plan.quantity', {
                rate: n(rate, 2),
                safety: n(s.safetyDays),
                cover: n(s.coverDays),
                left: n(Math.max(0, plan.supply - rate * recommended.leadTimeDays), 1),
                raw: n(recommended.unroundedQuantity, 1),
                moq: n(s.minimumOrderQuantity),
                pack: n(s.casePack),
                quantity: n(recommended.quantity),
              })}
            </li>
          </ol>
          <h3>{t('plan.modes')}</h3>
          <div class="table-scroll">
            <table class="simple-table plan-modes">
              <thead>
                <tr>
                  <th scope="col">{t('plan.col.mode')}</th>
                  <th scope="col">{t('plan.col.lead')}</th>
                  <th scope="col">{t('plan.col.orderBy')}</th>
                  <th scope="col">{t('plan.col.shipBy')}</th>
                  <th scope="col">{t('plan.col.arrival')}</th>
                  <th scope="col">{t('plan.col.inTime')}</th>
                  <th scope="col">{t('plan.col.quantity')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.modes.map((m) => (
                  <tr key={m.mode} class={m.mode === plan.recommendedMode ? 'row-recommended' : undefined}>
                    <th scope="row">{mode(m.mode)}</th>
                    <td>{n(m.leadTimeDays)}</td>
                    <td>{m.orderBy}</td>
                    <td>{m.shipBy}</td>
                    <td>{m.arrivalIfOrderedToday}</td>
                    <td>{t(m.arrivesBeforeStockOut ? 'plan.yes' : 'plan.no')}</td>
                    <td>{n(m.quantity)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p class="hint">{t('plan.factoryNote')}</p>
        </>
      )}
      <p class="store-meta">
        {plan.settings.source === 'asin'
          ? t('plan.settingsFrom.asin', { asin: item.asin })
          : t(plan.settings.source === 'sku' ? 'plan.settingsFrom.sku' : 'plan.settingsFrom.store')}
      </p>
    </div>
  );
}
