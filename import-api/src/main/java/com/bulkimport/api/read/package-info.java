/** The read API over imported records: restaurants and menus, products, a customer's purchases. */
package com.bulkimport.api.read;
