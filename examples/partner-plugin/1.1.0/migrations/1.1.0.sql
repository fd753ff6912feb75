-- partner-tenders 1.1.0: budget is renamed budgetAmount (renamedFrom keeps its values);
-- fill the new budgetBand from the amounts already there.
update tender
set budget_band = case
  when budget_amount >= 10000000 then 'large'
  when budget_amount >= 1000000 then 'medium'
  else 'small'
end
where budget_amount is not null;
