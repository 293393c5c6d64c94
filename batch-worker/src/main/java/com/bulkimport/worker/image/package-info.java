/** The image pipeline of product imports: safe fetch, sniff, decode, perceptual hash, variants, content-addressed storage. */
package com.bulkimport.worker.image;
