-- Read API (issue 7): indexes for its filters and orders, every one led or filtered by tenant.

-- GET /api/restaurants: alphabetical pages, optionally of one city (restaurants_tenant_city in V1 covers
-- the city filter alone)
CREATE INDEX restaurants_tenant_name ON restaurants (tenant, lower(name), id);
CREATE INDEX restaurants_tenant_city_name ON restaurants (tenant, lower(city), lower(name), id);
-- ?cuisine=: any one of the comma-separated cuisines, ignoring case
CREATE INDEX restaurants_cuisines ON restaurants USING gin (regexp_split_to_array(lower(cuisines), '\s*,\s*'));

-- GET /api/restaurants/{id}/menu
CREATE INDEX dishes_restaurant_menu ON dishes (restaurant_id, category, lower(name), id);

-- GET /api/products: ?sku= and ?barcode= use the unique indexes of V1; ?q= words of name and brand
CREATE INDEX products_tenant_name ON products (tenant, lower(name), id);
CREATE INDEX products_search ON products
    USING gin (to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(brand, '')));

-- GET /api/customers/{ref}/purchases: newest first
CREATE INDEX customers_tenant_ref ON customers (tenant, customer_ref);
CREATE INDEX purchases_tenant_customer ON purchases (tenant, customer_ref, purchased_at DESC, id DESC);
