/** The read API over imported records: restaurants and menus, products and their stock per store, a customer's purchases. */
package com.bulkimport.api.read;
