-- The last step of the product match cascade looks up min(id) by (tenant, name_brand_key). With the
-- index on (name_brand_key, tenant) the planner, trusting the statistics of a products table that was
-- still small when a large import began, answered min(id) by walking products_tenant_name over the
-- whole tenant: a batch of a million-row import then read the tenant's every product once per row and
-- ran for hours. An index that ends in id answers min(id) with one index probe, whatever the
-- statistics say, so it is the cheapest plan at every table size.
CREATE INDEX products_tenant_name_brand ON products (tenant, name_brand_key, id);
DROP INDEX products_name_brand;
