/** The served OpenAPI document. */
package com.bulkimport.api.openapi;
