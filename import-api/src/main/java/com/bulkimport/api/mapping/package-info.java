/**
 * A tenant's column mappings: the one last confirmed for a header (remembered, proposed to the next file with that
 * header) and those saved under a name ({@code /api/mappings}, applied by {@code mapping_name}).
 */
package com.bulkimport.api.mapping;
