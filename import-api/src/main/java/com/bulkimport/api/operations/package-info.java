/** The admin pages' gateway to the relay's and the worker's admin endpoints. */
package com.bulkimport.api.operations;
