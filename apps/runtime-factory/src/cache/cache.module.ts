import { Module } from '@nestjs/common';

import { ImagesModule } from '../images/images.module';
import { ImageCacheService } from './image-cache.service';

/** The image cache kept consistent with the engine and within its disk budget. */
@Module({ imports: [ImagesModule], providers: [ImageCacheService], exports: [ImageCacheService] })
export class CacheModule {}
